import type { KbCondition } from '../../model.js'
import { ED } from '../define.js'

/** Heart and blood vessels. */
export const CARDIOVASCULAR: KbCondition[] = [
  {
    key: 'myocardial_infarction',
    code: '22298006',
    term: 'Heart attack',
    icd10: 'I21.9',
    prevalence: 4,
    ages: { '0-4': 0.001, '5-15': 0.005, '16-39': 0.1, '40-64': 1.2, '65+': 3 },
    sexes: { male: 1.4, female: 0.7 },
    description: 'Myocardial infarction: a blocked artery starves part of the heart of blood. A medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Sit down and rest, and do not drive yourself.',
    // Only when a heart attack leads: aspirin harms an aortic dissection. NHS and JRCALC: 300 mg
    // chewed while waiting for the ambulance, unless allergic or told not to take it.
    leadingCare: 'While you wait, chew one 300 mg aspirin tablet, unless you are allergic to it or have been told not to take it.',
    findings: { chest_pain: 0.9, chest_pain_rest: 0.85, chest_pain_radiating: 0.6, chest_pain_exertion: 0.3, chest_tightness: 0.6, sweating: 0.6, dyspnea: 0.55, nausea: 0.45, vomiting: 0.2, dizziness: 0.3, syncope: 0.1, fatigue: 0.35, anxiety: 0.35, fear_of_dying: 0.3, epigastric_pain: 0.1, palpitations: 0.15, hypertension: 0.55, diabetes: 0.3, smoker: 0.45, heart_disease: 0.35, severe_pain: 0.6, sudden_onset: 0.6, pleuritic_pain: 0.05, chest_wall_tenderness: 0.05 }
  },
  {
    key: 'angina',
    code: '194828000',
    term: 'Angina',
    icd10: 'I20.9',
    prevalence: 6,
    ages: { '0-4': 0.001, '5-15': 0.005, '16-39': 0.1, '40-64': 1.2, '65+': 2.5 },
    sexes: { male: 1.3, female: 0.8 },
    description: 'Chest pain from narrowed heart arteries, brought on by effort and eased by rest.',
    triage: 'urgent',
    specialist: 'Cardiologist',
    selfCare: 'Stop and rest when the pain comes. See a doctor within 24 hours. Call emergency services if the pain lasts more than 10 minutes, comes on at rest, or is worse than usual.',
    findings: { chest_pain: 0.95, chest_pain_exertion: 0.9, chest_pain_rest: 0.1, chest_pain_radiating: 0.45, chest_tightness: 0.6, dyspnea_exertion: 0.5, dyspnea: 0.3, sweating: 0.2, hypertension: 0.6, diabetes: 0.3, smoker: 0.45, heart_disease: 0.4, previous_similar: 0.6, fatigue: 0.3, pleuritic_pain: 0.05, chest_wall_tenderness: 0.05, sudden_onset: 0.5 }
  },
  {
    key: 'deep_vein_thrombosis',
    code: '128053003',
    term: 'Deep vein thrombosis',
    icd10: 'I80.2',
    prevalence: 3,
    ages: { '0-4': 0.01, '5-15': 0.05, '65+': 2 },
    description: 'A blood clot in a deep vein, usually in the leg.',
    triage: 'urgent',
    specialist: ED,
    selfCare: 'Get medical help today: a clot needs a scan and treatment. Call emergency services if you become short of breath or have chest pain.',
    findings: { leg_swelling: 0.85, calf_pain: 0.75, skin_redness: 0.35, skin_swelling: 0.3, immobility: 0.5, oral_contraceptive: 0.2, pregnant: 0.05, fever: 0.05, dyspnea: 0.05, obesity: 0.3, smoker: 0.25, sudden_onset: 0.3, leg_pain: 0.8 }
  },
  {
    key: 'aortic_dissection',
    code: '308546005',
    term: 'Aortic dissection',
    icd10: 'I71.0',
    prevalence: 0.3,
    ages: { '0-4': 0, '5-15': 0.01, '16-39': 0.2, '65+': 2.5 },
    sexes: { male: 1.5, female: 0.7 },
    description: 'A tear in the wall of the aorta, the body\'s main artery: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Lie still and do not take aspirin.',
    findings: { chest_pain: 0.8, severe_pain: 0.9, sudden_onset: 0.9, chest_pain_rest: 0.8, chest_pain_radiating: 0.5, back_pain: 0.55, abdominal_pain: 0.25, sweating: 0.5, syncope: 0.15, dyspnea: 0.2, nausea: 0.2, hemiparesis: 0.08, hypertension: 0.7, smoker: 0.35, fear_of_dying: 0.3, leg_pain: 0.1 }
  },
  {
    key: 'ruptured_abdominal_aortic_aneurysm',
    // SNOMED CT: the broader concept Abdominal aortic aneurysm; no verified concept id for its rupture.
    code: '233985008',
    term: 'Ruptured abdominal aortic aneurysm',
    icd10: 'I71.3',
    prevalence: 0.3,
    ages: { '0-4': 0, '5-15': 0, '16-39': 0.01, '40-64': 0.5, '65+': 4 },
    sexes: { male: 2, female: 0.4 },
    description: 'A widened main artery in the belly that bursts or leaks: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Lie down and do not eat or drink.',
    findings: { abdominal_pain: 0.8, back_pain: 0.6, flank_pain: 0.4, groin_radiation: 0.15, severe_pain: 0.8, sudden_onset: 0.8, syncope: 0.35, dizziness: 0.5, sweating: 0.4, pallor: 0.4, abdominal_mass: 0.3, known_aaa: 0.3, nausea: 0.3, vomiting: 0.2, smoker: 0.6, hypertension: 0.6 }
  },
  {
    key: 'heart_failure',
    code: '84114007',
    term: 'Heart failure',
    icd10: 'I50.9',
    prevalence: 4,
    ages: { '0-4': 0.01, '5-15': 0.01, '16-39': 0.05, '40-64': 0.8, '65+': 5 },
    description: 'The heart does not pump as well as it should, so fluid builds up in the lungs and legs.',
    triage: 'urgent',
    specialist: 'Cardiologist',
    selfCare: 'See a doctor today if you are newly or more breathless, or your ankles are newly swollen. Sit upright. Call emergency services if you are breathless at rest, have chest pain, or cough up pink frothy phlegm.',
    findings: { cannot_speak_sentences: 0.1, dyspnea: 0.85, dyspnea_exertion: 0.9, orthopnea: 0.7, oedema: 0.75, fatigue: 0.8, cough: 0.4, night_cough: 0.3, wheezing: 0.2, palpitations: 0.3, dizziness: 0.2, chest_pain: 0.15, appetite_loss: 0.3, sudden_dyspnea: 0.1, heart_disease: 0.6, hypertension: 0.7, diabetes: 0.3, duration_long: 0.5, previous_similar: 0.4, sudden_onset: 0.15 }
  },
  {
    key: 'atrial_fibrillation',
    code: '49436004',
    term: 'Atrial fibrillation',
    icd10: 'I48.9',
    prevalence: 4,
    ages: { '0-4': 0.01, '5-15': 0.02, '16-39': 0.1, '65+': 4 },
    description: 'An irregular, often fast heartbeat that raises the risk of stroke.',
    triage: 'urgent',
    specialist: 'Cardiologist',
    selfCare: 'See a doctor today for an ECG. Call emergency services if you have chest pain, fainting, severe breathlessness, or signs of a stroke.',
    findings: { palpitations: 0.85, dyspnea: 0.4, dyspnea_exertion: 0.4, dizziness: 0.35, fatigue: 0.5, chest_pain: 0.15, chest_tightness: 0.15, syncope: 0.05, anxiety: 0.25, sudden_onset: 0.6, hypertension: 0.6, heart_disease: 0.4, alcohol: 0.2, previous_similar: 0.4 }
  },
  {
    key: 'pericarditis',
    code: '3238004',
    term: 'Pericarditis',
    icd10: 'I30.9',
    prevalence: 1.5,
    ages: { '0-4': 0.1, '5-15': 0.5, '65+': 0.6 },
    sexes: { male: 1.5, female: 0.7 },
    description: 'Inflammation of the sac around the heart, often after a virus: sharp chest pain, worse lying down and better sitting forward.',
    triage: 'urgent',
    specialist: 'Cardiologist',
    selfCare: 'See a doctor today for an ECG. Call emergency services if the pain is crushing, spreads to the arm or jaw, or you are very breathless or faint.',
    findings: { chest_pain: 0.95, pleuritic_pain: 0.7, chest_pain_rest: 0.6, fever: 0.4, dyspnea: 0.3, cough: 0.2, sick_contact: 0.3, fatigue: 0.4, palpitations: 0.2, chest_pain_radiating: 0.2, sudden_onset: 0.5, myalgia: 0.2, previous_similar: 0.15 }
  }
]
