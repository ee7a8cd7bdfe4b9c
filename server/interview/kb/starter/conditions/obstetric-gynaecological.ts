import type { KbCondition } from '../../model.js'
import { ED } from '../define.js'

/** Pregnancy and gynaecology. */
export const OBSTETRIC_GYNAECOLOGICAL: KbCondition[] = [
  {
    key: 'ectopic_pregnancy',
    code: '34801009',
    term: 'Ectopic pregnancy',
    icd10: 'O00.9',
    prevalence: 1,
    ages: { '0-4': 0, '5-15': 0.05, '40-64': 0.3, '65+': 0 },
    sexes: { male: 0 },
    description: 'A pregnancy growing outside the womb, usually in a fallopian tube: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now, or call emergency services if the pain is severe or you feel faint.',
    findings: { abdominal_pain: 0.95, lower_abdominal_pain: 0.8, missed_period: 0.8, vaginal_bleeding: 0.7, shoulder_tip_pain: 0.2, dizziness: 0.35, syncope: 0.15, nausea: 0.35, vomiting: 0.15, pregnant: 0.4, rlq_pain: 0.3, pain_worse_moving: 0.3, severe_pain: 0.5, pallor: 0.2 }
  }
]
