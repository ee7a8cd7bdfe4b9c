import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

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
    findings: { sore_throat: 0.85, fatigue: 0.9, lymph_nodes: 0.85, fever: 0.75, tonsil_exudate: 0.5, headache: 0.5, myalgia: 0.4, appetite_loss: 0.5, duration_long: 0.6, rash: 0.1, dysphagia: 0.35, onset_recent: 0.05, night_sweats: 0.2, sudden_onset: 0.1 }
  },
  {
    key: 'sepsis',
    code: '91302008',
    term: 'Sepsis',
    icd10: 'A41.9',
    prevalence: 3,
    ages: { '0-4': 1.5, '5-15': 0.5, '16-39': 0.5, '65+': 4 },
    description: 'The body\'s overwhelming reaction to an infection, which harms its own organs: a medical emergency.',
    // "It feels like you're going to die", extreme shivering and no urine in a day are the UK Sepsis Trust's signs in lay words.
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now if you or someone else is confused, very breathless, has blue, grey or blotchy skin, a rash that does not fade, or has not passed urine all day.',
    findings: { fever: 0.75, chills: 0.6, trembling: 0.35, fear_of_dying: 0.3, very_unwell: 0.8, fatigue: 0.8, confusion: 0.45, drowsiness: 0.4, dyspnea: 0.5, palpitations: 0.4, mottled_skin: 0.3, reduced_urine: 0.35, sweating: 0.4, myalgia: 0.4, dizziness: 0.4, syncope: 0.1, nausea: 0.35, vomiting: 0.3, diarrhea: 0.2, appetite_loss: 0.5, pallor: 0.3, rash: 0.1, petechial_rash: 0.05, diabetes: 0.25, sudden_onset: 0.35 }
  },
  {
    key: 'malaria',
    code: '61462000',
    term: 'Malaria',
    icd10: 'B54',
    prevalence: 0.8,
    description: 'A parasite infection from mosquito bites in tropical countries, which can become severe within a day.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Get a malaria test today, within hours, at an emergency department: a fever within a year of travel to a malaria area is malaria until proven otherwise. Say where you travelled.',
    findings: { travel_tropics: 0.95, fever: 0.98, chills: 0.75, sweating: 0.6, headache: 0.7, myalgia: 0.6, fatigue: 0.75, appetite_loss: 0.5, nausea: 0.4, vomiting: 0.35, diarrhea: 0.2, abdominal_pain: 0.15, cough: 0.15, jaundice: 0.08, confusion: 0.08, very_unwell: 0.4, sudden_onset: 0.5 }
  }
]
