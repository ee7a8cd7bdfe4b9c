import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Allergy. */
export const ALLERGY: KbCondition[] = [
  {
    key: 'urticaria',
    code: '126485001',
    term: 'Hives',
    icd10: 'L50.9',
    prevalence: 15,
    description: 'Urticaria: an itchy raised rash, often from an allergy, infection or unknown cause.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Take a non-drowsy antihistamine, keep cool and avoid any trigger you suspect. Call emergency services if your lips, tongue or throat swell or you struggle to breathe.',
    findings: { wheals: 0.9, pruritus: 0.95, rash: 0.9, angioedema: 0.1, allergen_exposure: 0.3, skin_redness: 0.3, previous_similar: 0.3, throat_tightness: 0.02, dyspnea: 0.02, sudden_onset: 0.6 }
  },
  {
    key: 'anaphylaxis',
    code: '39579001',
    term: 'Anaphylaxis',
    icd10: 'T78.2',
    prevalence: 1.5,
    description: 'A severe, life-threatening allergic reaction.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Use an adrenaline auto-injector if you have one, lie down with your legs raised (sit up if breathing is hard), and do not stand up suddenly.',
    findings: { cannot_speak_sentences: 0.2, angioedema: 0.8, throat_tightness: 0.7, dyspnea: 0.8, wheezing: 0.5, stridor: 0.2, wheals: 0.8, pruritus: 0.6, rash: 0.75, allergen_exposure: 0.85, dizziness: 0.5, syncope: 0.25, vomiting: 0.3, nausea: 0.3, abdominal_pain: 0.2, sudden_onset: 0.95, anxiety: 0.4, fear_of_dying: 0.3, dysphagia: 0.3, hoarseness: 0.2 }
  },
  {
    key: 'angioedema',
    code: '41291007',
    term: 'Angioedema',
    icd10: 'T78.3',
    prevalence: 3,
    description: 'Swelling deep in the skin of the lips, eyelids, face or tongue, from an allergy, a medicine such as an ACE inhibitor, or no clear cause.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'Take an antihistamine and see a doctor today; stop any new medicine only on medical advice. Call emergency services if your throat or tongue swells, your voice changes, or you struggle to breathe or swallow.',
    findings: { angioedema: 0.98, wheals: 0.4, pruritus: 0.3, allergen_exposure: 0.4, throat_tightness: 0.15, hoarseness: 0.1, dyspnea: 0.1, stridor: 0.03, abdominal_pain: 0.1, previous_similar: 0.4, sudden_onset: 0.8, hypertension: 0.2 }
  }
]
