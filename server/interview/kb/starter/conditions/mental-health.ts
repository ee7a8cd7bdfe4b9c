import type { KbCondition } from '../../model.js'
import { GP } from '../define.js'

/** Mental health. */
export const MENTAL_HEALTH: KbCondition[] = [
  {
    key: 'panic_attack',
    code: '225624000',
    term: 'Panic attack',
    icd10: 'F41.0',
    prevalence: 15,
    ages: { '0-4': 0.01, '5-15': 0.4, '65+': 0.4 },
    sexes: { female: 1.3 },
    description: 'A sudden surge of intense fear with racing heart and breathlessness, which passes within minutes.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Breathe slowly in through the nose and out through the mouth, focus on your senses, and remind yourself it will pass. See a doctor if attacks keep happening; talking therapies help.',
    findings: { palpitations: 0.85, anxiety: 0.9, fear_of_dying: 0.6, hyperventilation: 0.6, dyspnea: 0.6, chest_tightness: 0.45, chest_pain: 0.35, trembling: 0.6, sweating: 0.6, dizziness: 0.55, tingling: 0.45, numbness: 0.2, nausea: 0.3, sudden_onset: 0.8, previous_similar: 0.55, stress: 0.5, throat_tightness: 0.15, chest_pain_radiating: 0.05 }
  }
]
