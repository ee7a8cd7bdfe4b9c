import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

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
  },
  {
    key: 'hypoglycaemia',
    code: '302866003',
    term: 'Low blood sugar',
    icd10: 'E16.2',
    prevalence: 2,
    description: 'Hypoglycaemia: blood sugar too low, usually in people taking insulin or some diabetes tablets.',
    // Can pass to unconsciousness or a fit within minutes: treated as an emergency (NICE CKS hypoglycaemia, JBDS-IP).
    triage: 'emergency',
    specialist: GP,
    selfCare: 'If you can swallow safely, eat or drink something sugary now (juice, sweets) while help is on its way, and do not drive. If the person is drowsy, confused, cannot swallow or has a fit, call an ambulance now and give nothing by mouth.',
    findings: { diabetes: 0.95, sweating: 0.7, trembling: 0.7, palpitations: 0.5, dizziness: 0.5, confusion: 0.4, anxiety: 0.4, drowsiness: 0.3, blurred_vision: 0.3, headache: 0.3, fatigue: 0.4, seizure: 0.05, syncope: 0.1, sudden_onset: 0.8, previous_similar: 0.6 }
  }
]
