import type { KbCondition } from '../../model.js'
import { GP } from '../define.js'

/** Infections of the whole body. */
export const INFECTIOUS_SYSTEMIC: KbCondition[] = [
  {
    key: 'mononucleosis',
    code: '271558008',
    term: 'Glandular fever',
    icd10: 'B27.9',
    prevalence: 6,
    ages: { '0-4': 0.3, '5-15': 2, '16-39': 2, '40-64': 0.2, '65+': 0.05 },
    description: 'Infectious mononucleosis: a viral infection with sore throat, swollen glands and lasting tiredness.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Rest, drink fluids and take paracetamol. Avoid contact sports for a few weeks. See a doctor to confirm it, and urgently if you have severe left-sided belly pain.',
    findings: { sore_throat: 0.85, fatigue: 0.9, lymph_nodes: 0.85, fever: 0.75, tonsil_exudate: 0.5, headache: 0.5, myalgia: 0.4, appetite_loss: 0.5, duration_long: 0.6, rash: 0.1, dysphagia: 0.35, onset_recent: 0.05, night_sweats: 0.2 }
  }
]
