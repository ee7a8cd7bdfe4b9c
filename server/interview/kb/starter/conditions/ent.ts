import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Ear, nose and throat. */
export const ENT: KbCondition[] = [
  {
    key: 'acute_sinusitis',
    code: '15805002',
    term: 'Acute sinusitis',
    icd10: 'J01.9',
    prevalence: 50,
    ages: { '0-4': 0.3 },
    description: 'Inflammation of the sinuses, usually after a cold.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Rest, drink fluids, use paracetamol or ibuprofen, and try saline nasal rinses or steam. See a doctor if it lasts more than 10 days, keeps getting worse, or you have swelling around the eyes.',
    findings: { facial_pain: 0.85, facial_pain_bending: 0.7, nasal_congestion: 0.85, purulent_nasal_discharge: 0.7, runny_nose: 0.5, headache: 0.6, anosmia: 0.35, fever: 0.3, cough: 0.35, productive_cough: 0.15, fatigue: 0.4, duration_long: 0.5, onset_recent: 0.05, sore_throat: 0.2, ear_pain: 0.1, hearing_loss: 0.1, sudden_onset: 0.1 }
  },
  {
    key: 'strep_pharyngitis',
    code: '43878008',
    term: 'Streptococcal sore throat',
    icd10: 'J02.0',
    prevalence: 25,
    ages: { '0-4': 0.5, '5-15': 3, '40-64': 0.5, '65+': 0.3 },
    description: 'A bacterial throat and tonsil infection (strep throat, tonsillitis).',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Drink fluids, take paracetamol or ibuprofen and gargle warm salt water. A doctor may offer antibiotics; seek help urgently if you cannot swallow fluids or breathe easily.',
    findings: { sore_throat: 0.95, fever: 0.75, tonsil_exudate: 0.6, lymph_nodes: 0.7, cough: 0.1, runny_nose: 0.12, headache: 0.4, dysphagia: 0.5, fatigue: 0.4, nausea: 0.15, vomiting: 0.1, abdominal_pain: 0.12, sick_contact: 0.35, onset_recent: 0.5, hoarseness: 0.1, chills: 0.3, sudden_onset: 0.45 }
  },
  {
    key: 'viral_pharyngitis',
    code: '1532007',
    term: 'Viral sore throat',
    icd10: 'J02.9',
    prevalence: 70,
    description: 'A sore throat caused by a virus; it gets better on its own.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Drink plenty of fluids, take paracetamol or ibuprofen, suck lozenges, and gargle with warm salt water. It usually improves within a week.',
    findings: { sore_throat: 0.95, cough: 0.5, dry_cough: 0.3, runny_nose: 0.5, nasal_congestion: 0.4, hoarseness: 0.35, fever: 0.3, headache: 0.3, fatigue: 0.35, lymph_nodes: 0.2, tonsil_exudate: 0.08, dysphagia: 0.25, sick_contact: 0.35, sneezing: 0.25, sudden_onset: 0.2 }
  },
  {
    key: 'acute_otitis_media',
    code: '65363002',
    term: 'Middle ear infection',
    icd10: 'H66.9',
    prevalence: 30,
    ages: { '0-4': 5, '5-15': 2.5, '40-64': 0.4, '65+': 0.3 },
    description: 'Otitis media: an infection behind the eardrum, often after a cold.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Paracetamol or ibuprofen for pain and fever; most ear infections clear in 3 days. See a doctor if it is no better after 3 days, there is discharge, or swelling behind the ear.',
    findings: { ear_pain: 0.9, fever: 0.55, hearing_loss: 0.5, ear_discharge: 0.15, runny_nose: 0.4, nasal_congestion: 0.4, cough: 0.35, sore_throat: 0.2, fatigue: 0.3, appetite_loss: 0.3, ear_pain_touch: 0.15, onset_recent: 0.5, tinnitus: 0.1, vomiting: 0.1, sudden_onset: 0.4 }
  },
  {
    key: 'otitis_externa',
    code: '3135009',
    term: 'Outer ear infection',
    icd10: 'H60.9',
    prevalence: 15,
    ages: { '0-4': 0.3 },
    description: "Otitis externa (swimmer's ear): infection of the ear canal.",
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Keep the ear dry, do not use cotton buds, and take paracetamol or ibuprofen. A pharmacist or doctor can give ear drops.',
    findings: { ear_pain: 0.9, ear_pain_touch: 0.85, ear_itch: 0.6, ear_discharge: 0.5, hearing_loss: 0.4, swimming: 0.5, fever: 0.05, runny_nose: 0.05, cough: 0.05, sudden_onset: 0.2 }
  },
  {
    key: 'allergic_rhinitis',
    code: '61582004',
    term: 'Allergic rhinitis',
    icd10: 'J30.4',
    prevalence: 50,
    ages: { '0-4': 0.3, '65+': 0.4 },
    description: 'Hay fever: an allergy to pollen, dust or animals affecting the nose and eyes.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Antihistamine tablets and a steroid nasal spray from a pharmacy help; avoid the triggers where you can and rinse your nose with saline.',
    findings: { sneezing: 0.9, runny_nose: 0.85, itchy_nose: 0.7, nasal_congestion: 0.75, itchy_eyes: 0.75, watery_eyes: 0.65, red_eye: 0.35, seasonal_triggers: 0.8, previous_similar: 0.75, cough: 0.25, sore_throat: 0.15, fever: 0.02, fatigue: 0.3, headache: 0.2, wheezing: 0.1, sudden_onset: 0.3 }
  },
  {
    key: 'epiglottitis',
    // SNOMED CT: the broader concept Upper respiratory infection; no verified concept id for epiglottitis itself.
    code: '54150009',
    term: 'Epiglottitis',
    icd10: 'J05.1',
    prevalence: 0.2,
    ages: { '0-4': 2, '65+': 0.5 },
    description: 'Swelling of the flap at the back of the throat that can block the airway: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Stay upright and calm; do not lie down, and do not look in the throat or try to make it swallow.',
    findings: { sore_throat: 0.95, dysphagia: 0.9, drooling: 0.7, fever: 0.85, stridor: 0.4, dyspnea: 0.5, hoarseness: 0.6, throat_tightness: 0.3, severe_pain: 0.6, sudden_onset: 0.6, onset_recent: 0.8, anxiety: 0.3, cough: 0.1, runny_nose: 0.05 }
  },
  {
    key: 'nosebleed',
    code: '249366005',
    term: 'Nosebleed',
    icd10: 'R04.0',
    prevalence: 15,
    ages: { '5-15': 1.5, '65+': 1.5 },
    description: 'Epistaxis: bleeding from the front of the nose, common and usually harmless.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Sit up, lean forward and pinch the soft part of your nose for 10 to 15 minutes without letting go; spit out blood rather than swallow it. Go to an emergency department if it lasts over 20 minutes, is heavy, follows a head injury, or you take blood thinners and feel faint.',
    findings: { epistaxis: 0.99, nasal_congestion: 0.2, runny_nose: 0.1, dizziness: 0.08, hypertension: 0.25, previous_similar: 0.45, head_injury: 0.05, sudden_onset: 0.8, onset_recent: 0.8, nsaid_use: 0.15 }
  },
  {
    key: 'peritonsillar_abscess',
    code: '15033003',
    term: 'Peritonsillar abscess',
    icd10: 'J36',
    prevalence: 1,
    ages: { '0-4': 0.2, '65+': 0.3 },
    description: 'Quinsy: an abscess beside a tonsil, with severe one-sided throat pain, a muffled voice and trouble opening the mouth.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department today: it needs draining. Call emergency services if breathing becomes hard.',
    findings: { sore_throat: 0.99, dysphagia: 0.9, fever: 0.8, hoarseness: 0.6, drooling: 0.35, ear_pain: 0.4, lymph_nodes: 0.6, severe_pain: 0.7, tonsil_exudate: 0.3, headache: 0.3, fatigue: 0.5, cough: 0.05, runny_nose: 0.05, sudden_onset: 0.3 }
  },
  {
    key: 'earwax',
    code: '18070006',
    term: 'Earwax build-up',
    icd10: 'H61.2',
    prevalence: 30,
    description: 'Earwax blocking the ear canal: muffled hearing and a full feeling in the ear.',
    triage: 'self_care',
    specialist: 'Pharmacist',
    selfCare: 'Put 2 to 3 drops of olive oil in the ear twice a day for a week; do not use cotton buds. See a nurse or doctor if hearing does not return.',
    findings: { hearing_loss: 0.95, ear_pain: 0.15, ear_itch: 0.3, tinnitus: 0.3, dizziness: 0.1, previous_similar: 0.5, ear_discharge: 0.03, fever: 0.01, sudden_onset: 0.2 }
  },
  {
    key: 'mouth_ulcers',
    code: '26284000',
    term: 'Mouth ulcers',
    icd10: 'K12.0',
    prevalence: 20,
    description: 'Aphthous ulcers: small painful sores inside the mouth that heal in 1 to 2 weeks.',
    triage: 'self_care',
    specialist: 'Pharmacist',
    selfCare: 'Use a pharmacy mouthwash or gel, soft food and a soft toothbrush. See a dentist or doctor if an ulcer lasts more than 3 weeks.',
    findings: { mouth_ulcers: 0.99, sore_throat: 0.1, previous_similar: 0.6, stress: 0.3, fever: 0.03, dysphagia: 0.1, duration_long: 0.1, appetite_loss: 0.15, lymph_nodes: 0.05 }
  },
  {
    key: 'dental_abscess',
    // SNOMED CT: the broader concept Toothache; no verified concept id for dental abscess itself.
    code: '27355003',
    term: 'Dental abscess',
    icd10: 'K04.7',
    prevalence: 8,
    ages: { '0-4': 0.3 },
    description: 'A collection of pus at the root of a tooth or in the gum: throbbing toothache, sometimes a swollen face.',
    triage: 'urgent',
    specialist: 'Dentist',
    selfCare: 'See a dentist today (or an out-of-hours dental service); take paracetamol or ibuprofen. Go to an emergency department if the swelling spreads to your eye or neck, or you struggle to swallow, breathe or open your mouth.',
    findings: { toothache: 0.95, skin_swelling: 0.4, fever: 0.3, severe_pain: 0.5, lymph_nodes: 0.3, headache: 0.2, ear_pain: 0.15, dysphagia: 0.05, previous_similar: 0.3, sudden_onset: 0.3 }
  }
]
