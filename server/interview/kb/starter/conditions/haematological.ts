import type { KbCondition } from '../../model.js'
import { GP } from '../define.js'

/** Blood. */
export const HAEMATOLOGICAL: KbCondition[] = [
  {
    key: 'iron_deficiency_anaemia',
    code: '87522002',
    term: 'Iron deficiency anaemia',
    icd10: 'D50.9',
    prevalence: 12,
    sexes: { male: 0.4, female: 1.4 },
    description: 'Too few red blood cells because of low iron, causing tiredness and breathlessness.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor for a blood test. Eat iron-rich foods such as meat, beans, lentils and dark green vegetables.',
    findings: { fatigue: 0.9, pallor: 0.6, dyspnea_exertion: 0.6, dizziness: 0.4, palpitations: 0.3, headache: 0.3, heavy_periods: 0.45, duration_long: 0.7, onset_recent: 0.02, dry_skin_patch: 0.1, appetite_loss: 0.15, melena: 0.03, sudden_onset: 0.02 }
  }
]
