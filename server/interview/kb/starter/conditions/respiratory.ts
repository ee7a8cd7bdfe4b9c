import type { KbCondition } from '../../model.js'
import { GP, ED, CHILD } from '../define.js'

/** Respiratory: chest infections, asthma and the lung emergencies. */
export const RESPIRATORY: KbCondition[] = [
  {
    key: 'common_cold',
    code: '82272006',
    term: 'Common cold',
    icd10: 'J00',
    prevalence: 300,
    ages: CHILD,
    description: 'A mild viral infection of the nose and throat.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Rest, drink plenty of fluids, and use paracetamol or ibuprofen for aches. Symptoms usually settle within 7 to 10 days.',
    findings: { runny_nose: 0.85, nasal_congestion: 0.8, sneezing: 0.7, sore_throat: 0.55, cough: 0.5, dry_cough: 0.3, productive_cough: 0.15, headache: 0.3, fever: 0.2, fatigue: 0.4, myalgia: 0.15, hoarseness: 0.2, watery_eyes: 0.25, sick_contact: 0.4, onset_recent: 0.3, duration_long: 0.05, hearing_loss: 0.08, chills: 0.1, appetite_loss: 0.15, sudden_onset: 0.15 }
  },
  {
    key: 'influenza',
    code: '6142004',
    term: 'Influenza',
    icd10: 'J11.1',
    prevalence: 80,
    description: 'Flu: a viral infection with sudden fever, aches and exhaustion.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Rest, keep warm, drink plenty of fluids and take paracetamol or ibuprofen for fever and aches. See a doctor if you are in a risk group, short of breath, or not improving after a week.',
    findings: { fever: 0.9, sudden_onset: 0.7, myalgia: 0.85, fatigue: 0.9, chills: 0.75, headache: 0.75, cough: 0.85, dry_cough: 0.6, sore_throat: 0.55, runny_nose: 0.45, nasal_congestion: 0.4, appetite_loss: 0.6, sweating: 0.35, sick_contact: 0.45, onset_recent: 0.6, duration_long: 0.05, nausea: 0.15, vomiting: 0.1, sneezing: 0.15 }
  },
  {
    key: 'covid19',
    code: '840539006',
    term: 'COVID-19',
    icd10: 'U07.1',
    prevalence: 50,
    description: 'An infection with the SARS-CoV-2 coronavirus.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Rest, drink fluids, take paracetamol for fever, and avoid contact with others, especially vulnerable people. Seek urgent help if you become short of breath.',
    findings: { fever: 0.6, cough: 0.65, dry_cough: 0.5, fatigue: 0.75, anosmia: 0.45, ageusia: 0.4, headache: 0.55, myalgia: 0.5, sore_throat: 0.45, runny_nose: 0.35, nasal_congestion: 0.35, dyspnea: 0.15, chills: 0.3, diarrhea: 0.12, nausea: 0.12, sick_contact: 0.5, appetite_loss: 0.35, sneezing: 0.2, sudden_onset: 0.3 }
  },
  {
    key: 'acute_bronchitis',
    code: '10509002',
    term: 'Acute bronchitis',
    icd10: 'J20.9',
    prevalence: 50,
    description: 'A chest infection of the airways, usually viral, with a cough that lingers.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Rest, drink fluids, use honey and lemon for the cough, and take paracetamol for aches. The cough can last 3 weeks. See a doctor if you are breathless, cough blood, or not improving after 3 weeks.',
    findings: { cough: 0.98, productive_cough: 0.7, dry_cough: 0.3, chest_tightness: 0.35, wheezing: 0.3, fever: 0.3, fatigue: 0.5, sore_throat: 0.35, runny_nose: 0.35, nasal_congestion: 0.3, dyspnea: 0.15, night_cough: 0.4, duration_long: 0.45, myalgia: 0.2, smoker: 0.3, headache: 0.25, chest_pain: 0.15, sudden_onset: 0.2 }
  },
  {
    key: 'pneumonia',
    code: '233604007',
    term: 'Pneumonia',
    icd10: 'J18.9',
    prevalence: 12,
    ages: { '0-4': 1.5, '65+': 3 },
    description: 'An infection of the lung tissue.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor today: pneumonia often needs antibiotics. Rest and drink fluids. Call emergency services if you are very breathless, confused or your lips turn blue.',
    findings: { cough: 0.9, productive_cough: 0.7, fever: 0.85, chills: 0.6, dyspnea: 0.65, pleuritic_pain: 0.45, chest_pain: 0.4, fatigue: 0.8, sweating: 0.4, appetite_loss: 0.5, myalgia: 0.3, confusion: 0.12, headache: 0.3, hemoptysis: 0.08, nausea: 0.2, smoker: 0.35, diabetes: 0.15, dyspnea_exertion: 0.5, sudden_onset: 0.35 }
  },
  {
    key: 'asthma_exacerbation',
    code: '281239006',
    term: 'Asthma attack',
    icd10: 'J45.9',
    prevalence: 15,
    ages: { '5-15': 1.5 },
    description: 'A flare-up of asthma: the airways narrow, causing wheeze and breathlessness.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'Use your reliever inhaler (up to 10 puffs through a spacer), sit upright and stay calm. Call emergency services if the inhaler is not helping or you are too breathless to speak.',
    findings: { cannot_speak_sentences: 0.25, wheezing: 0.9, dyspnea: 0.9, chest_tightness: 0.8, cough: 0.75, dry_cough: 0.5, night_cough: 0.6, asthma_history: 0.9, inhaler_not_helping: 0.45, dyspnea_exertion: 0.6, seasonal_triggers: 0.35, runny_nose: 0.25, anxiety: 0.25, sudden_dyspnea: 0.2, previous_similar: 0.7, stridor: 0.02, sudden_onset: 0.5 }
  },
  {
    key: 'pulmonary_embolism',
    code: '59282003',
    term: 'Pulmonary embolism',
    icd10: 'I26.9',
    prevalence: 1.5,
    ages: { '0-4': 0.01, '5-15': 0.05, '65+': 2 },
    description: 'A blood clot blocking an artery in the lungs: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Sit upright and stay as still as you can.',
    findings: { cannot_speak_sentences: 0.1, dyspnea: 0.85, sudden_dyspnea: 0.7, pleuritic_pain: 0.55, chest_pain: 0.6, chest_pain_rest: 0.5, cough: 0.3, hemoptysis: 0.12, palpitations: 0.4, syncope: 0.12, dizziness: 0.3, sweating: 0.3, anxiety: 0.4, leg_swelling: 0.3, calf_pain: 0.25, immobility: 0.45, oral_contraceptive: 0.2, pregnant: 0.05, fever: 0.12, sudden_onset: 0.8, fear_of_dying: 0.2 }
  },
  {
    key: 'pneumothorax',
    code: '36118008',
    term: 'Collapsed lung',
    icd10: 'J93.9',
    prevalence: 0.8,
    ages: { '0-4': 0.05, '5-15': 0.3, '16-39': 1.5 },
    sexes: { male: 1.6, female: 0.5 },
    description: 'Pneumothorax: air leaks around a lung and it collapses.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services, or go to an emergency department now. Do not fly or dive.',
    findings: { chest_pain: 0.9, pleuritic_pain: 0.8, sudden_dyspnea: 0.75, dyspnea: 0.85, chest_pain_rest: 0.6, sudden_onset: 0.9, smoker: 0.55, cough: 0.15, palpitations: 0.25, anxiety: 0.3, sweating: 0.15 }
  },
  {
    key: 'copd_exacerbation',
    code: '195951007',
    term: 'COPD flare-up',
    icd10: 'J44.1',
    prevalence: 6,
    ages: { '0-4': 0, '5-15': 0, '16-39': 0.05, '65+': 2.5 },
    description: 'A flare-up of chronic obstructive pulmonary disease: more breathless, more cough and more phlegm than usual.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'Use your inhalers and rescue pack if you have one, and see a doctor today. Call emergency services if you are too breathless to speak, confused, or your lips turn blue.',
    findings: { cannot_speak_sentences: 0.2, copd_history: 0.9, smoker: 0.85, dyspnea: 0.9, dyspnea_exertion: 0.8, cough: 0.9, productive_cough: 0.8, wheezing: 0.65, chest_tightness: 0.45, night_cough: 0.3, fever: 0.25, fatigue: 0.6, orthopnea: 0.2, oedema: 0.15, sudden_dyspnea: 0.05, confusion: 0.05, mottled_skin: 0.05, previous_similar: 0.75, sudden_onset: 0.2 }
  }
]
