import type { KbCondition } from '../../model.js'
import { ED } from '../define.js'

/** Diabetes emergencies and other metabolic conditions. */
export const ENDOCRINE_METABOLIC: KbCondition[] = [
  {
    key: 'diabetic_ketoacidosis',
    code: '420422005',
    term: 'Diabetic ketoacidosis',
    icd10: 'E10.1',
    prevalence: 1,
    ages: { '0-4': 0.5, '5-15': 2, '16-39': 1.5, '40-64': 0.6, '65+': 0.3 },
    description: 'A lack of insulin makes the blood acidic with ketones: a medical emergency, sometimes the first sign of type 1 diabetes.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now, or call emergency services if drowsy or breathing fast. If you have diabetes, check your blood sugar and ketones and keep taking insulin.',
    findings: { diabetes: 0.75, excessive_thirst: 0.8, polyuria: 0.8, frequency: 0.5, vomiting: 0.7, nausea: 0.75, abdominal_pain: 0.5, fatigue: 0.8, weight_loss: 0.5, very_unwell: 0.5, drowsiness: 0.35, confusion: 0.3, hyperventilation: 0.4, dyspnea: 0.3, blurred_vision: 0.2, dizziness: 0.3, sudden_onset: 0.2 }
  }
]
