import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Injuries, poisoning and the effects of heat. */
export const INJURY_POISONING: KbCondition[] = [
  {
    key: 'paracetamol_overdose',
    // SNOMED CT: the broader concept Drug overdose; no verified concept id for paracetamol overdose itself.
    code: '55680006',
    term: 'Paracetamol overdose',
    icd10: 'T39.1',
    prevalence: 0.3,
    // Young children swallow medicines left within reach: accidental overdoses peak under 5.
    ages: { '0-4': 1, '5-15': 1.5, '16-39': 2, '65+': 0.4 },
    sexes: { male: 0.7, female: 1.5 },
    description: 'Too much paracetamol, taken at once or over days: it can destroy the liver with no symptoms at first, and treatment works best within 8 hours.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now, even if you feel well: take the packet with you. If you have thoughts of ending your life, tell the staff or call a crisis line.',
    findings: { took_overdose: 0.97, nausea: 0.4, vomiting: 0.35, abdominal_pain: 0.3, ruq_pain: 0.15, appetite_loss: 0.3, sweating: 0.2, jaundice: 0.05, drowsiness: 0.1, confusion: 0.05, suicidal_thoughts: 0.5, stress: 0.4, anxiety: 0.3 }
  },
  {
    key: 'swallowed_poison',
    // SNOMED CT: the broader concept Poisoning, as for the finding; ICD-10 T65.9 is the toxic effect of an unspecified substance.
    code: '75478009',
    term: 'Swallowed poison',
    icd10: 'T65.9',
    prevalence: 1,
    ages: { '0-4': 4, '5-15': 0.7, '65+': 0.5 },
    description: 'A household chemical, plant or other poison swallowed, most often by a young child: harm can show hours later.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now, or call 999 if they are drowsy, fitting or struggling to breathe, even if they seem well: take the bottle or packet with you. Do not make them sick.',
    findings: { swallowed_poison: 0.97, nausea: 0.25, abdominal_pain: 0.25, sore_throat: 0.2, dysphagia: 0.15, drooling: 0.1, cough: 0.15, drowsiness: 0.15 }
  },
  {
    key: 'severe_bleeding',
    // SNOMED CT: the broader concept Bleeding, as for the finding; ICD-10 R58 is Haemorrhage, not elsewhere classified.
    code: '131148009',
    term: 'Severe bleeding',
    icd10: 'R58',
    prevalence: 1,
    ages: { '0-4': 0.5, '5-15': 0.7, '16-39': 1.5 },
    sexes: { male: 1.5, female: 0.8 },
    description: 'Heavy bleeding that does not stop, most often from a wound: losing much blood quickly can lead to shock.',
    triage: 'emergency',
    specialist: ED,
    // NHS first aid for severe bleeding: call 999, press on the wound and keep pressing, raise it, lie down if faint.
    selfCare: 'Call 999 now. Press firmly on the wound with a clean cloth or dressing and keep pressing; raise the injured part above the heart if you can, and lie down if you feel faint.',
    findings: { severe_bleeding: 0.95, skin_wound: 0.6, limb_injury: 0.3, dizziness: 0.35, pallor: 0.3, sweating: 0.2, syncope: 0.1, palpitations: 0.2 }
  },
  {
    key: 'concussion',
    code: '110030002',
    term: 'Concussion',
    icd10: 'S06.0',
    prevalence: 4,
    ages: { '5-15': 1.5, '65+': 1.2 },
    description: 'A brief disturbance of brain function after a knock to the head, with headache, dizziness and feeling foggy.',
    // A headache, dizziness or vomiting since a head injury is for assessment the same day (NICE NG232).
    triage: 'urgent',
    specialist: GP,
    selfCare: 'Rest, avoid screens, alcohol and sport, and have someone stay with you for the first 24 hours. Go to an emergency department if you are drowsy, vomit repeatedly, have a worsening headache, confusion, a fit, weakness, or clear fluid from the nose or ears.',
    findings: { head_injury: 0.98, headache: 0.8, dizziness: 0.55, nausea: 0.4, vomiting: 0.15, confusion: 0.25, drowsiness: 0.2, blurred_vision: 0.25, photophobia: 0.3, phonophobia: 0.2, fatigue: 0.5, neck_pain: 0.3, syncope: 0.1, irritability: 0.2, sudden_onset: 0.8, onset_recent: 0.6 }
  }
]
