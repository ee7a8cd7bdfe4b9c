import type { KbCondition } from '../../model.js'
import { GP, ED, CHILD } from '../define.js'

/** Stomach, bowel, liver and pancreas. */
export const GASTROINTESTINAL: KbCondition[] = [
  {
    key: 'gastroenteritis',
    code: '25374005',
    term: 'Gastroenteritis',
    icd10: 'A08.4',
    prevalence: 70,
    ages: CHILD,
    description: 'A stomach bug: infection of the gut causing diarrhoea and vomiting.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Drink plenty of fluids in small sips (oral rehydration solution is best), rest, and eat when you feel able. Stay off work or school until 48 hours after the last episode. See a doctor if you cannot keep fluids down or there is blood in your stool.',
    findings: { diarrhea: 0.85, vomiting: 0.65, nausea: 0.8, abdominal_pain: 0.7, colicky_pain: 0.5, fever: 0.35, appetite_loss: 0.6, fatigue: 0.4, myalgia: 0.2, chills: 0.2, headache: 0.25, sick_contact: 0.35, onset_recent: 0.65, bloating: 0.3, blood_in_stool: 0.03, epigastric_pain: 0.15, sudden_onset: 0.6 }
  },
  {
    key: 'gerd',
    code: '235595009',
    term: 'Acid reflux',
    icd10: 'K21.9',
    prevalence: 45,
    ages: { '0-4': 0.1, '5-15': 0.2 },
    description: 'Gastro-oesophageal reflux: stomach acid rises into the gullet, causing heartburn.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Eat smaller meals, avoid eating within 3 hours of bed, raise the head of the bed, cut down on alcohol, coffee and fatty food, and try an antacid. See a doctor if it persists over 3 weeks or food sticks when swallowing.',
    findings: { heartburn: 0.9, regurgitation: 0.7, epigastric_pain: 0.45, abdominal_pain: 0.4, chest_pain: 0.3, nausea: 0.25, cough: 0.2, night_cough: 0.15, hoarseness: 0.15, bloating: 0.3, dysphagia: 0.08, previous_similar: 0.75, obesity: 0.35, alcohol: 0.2, smoker: 0.25, duration_long: 0.6, sore_throat: 0.1, sudden_onset: 0.2 }
  },
  {
    key: 'gastritis',
    code: '4556007',
    term: 'Gastritis or stomach ulcer',
    icd10: 'K29.7',
    prevalence: 25,
    description: 'Inflammation or an ulcer of the stomach lining, often from anti-inflammatory painkillers, alcohol or H. pylori infection.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Stop anti-inflammatory painkillers if you can, avoid alcohol and spicy food, and try an antacid. See a doctor; go to emergency care if you vomit blood or pass black stools.',
    findings: { epigastric_pain: 0.85, abdominal_pain: 0.9, nausea: 0.55, vomiting: 0.25, heartburn: 0.35, bloating: 0.4, appetite_loss: 0.35, nsaid_use: 0.4, alcohol: 0.3, smoker: 0.3, hematemesis: 0.05, melena: 0.05, regurgitation: 0.2, fatty_meal_pain: 0.15, previous_similar: 0.5, sudden_onset: 0.3 }
  },
  {
    key: 'ibs',
    code: '10743008',
    term: 'Irritable bowel syndrome',
    icd10: 'K58.9',
    prevalence: 25,
    ages: { '0-4': 0.05, '5-15': 0.3, '65+': 0.4 },
    sexes: { male: 0.6, female: 1.3 },
    description: 'A long-term gut condition with cramps, bloating and changing bowel habits.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Keep a food diary, eat regular meals, cut down on fatty, spicy and processed food and fizzy drinks, and manage stress. See a doctor if you lose weight or see blood in your stool.',
    findings: { abdominal_pain: 0.95, colicky_pain: 0.6, bloating: 0.85, relief_defecation: 0.7, alternating_bowel: 0.55, diarrhea: 0.45, constipation_finding: 0.45, previous_similar: 0.85, duration_long: 0.85, stress: 0.5, nausea: 0.2, fatigue: 0.3, lower_abdominal_pain: 0.5, fever: 0.01, blood_in_stool: 0.01, weight_loss: 0.02, sudden_onset: 0.15 }
  },
  {
    key: 'constipation',
    code: '236069009',
    term: 'Constipation',
    icd10: 'K59.0',
    prevalence: 25,
    description: 'Passing hard stools less often, with straining.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Drink more water, eat more fibre (fruit, vegetables, wholegrains), keep active, and do not ignore the urge to go. A pharmacist can suggest a gentle laxative.',
    findings: { constipation_finding: 0.95, abdominal_pain: 0.5, bloating: 0.6, lower_abdominal_pain: 0.35, colicky_pain: 0.3, nausea: 0.15, appetite_loss: 0.15, relief_defecation: 0.4, previous_similar: 0.5, blood_in_stool: 0.05, sudden_onset: 0.1 }
  },
  {
    key: 'gallstones',
    code: '235919008',
    term: 'Gallstone pain',
    icd10: 'K80.2',
    prevalence: 10,
    ages: { '0-4': 0.01, '5-15': 0.05, '40-64': 1.5, '65+': 1.5 },
    sexes: { male: 0.5, female: 1.5 },
    description: 'Biliary colic or cholecystitis: gallstones blocking the gallbladder.',
    triage: 'urgent',
    specialist: 'Gastroenterologist',
    selfCare: 'See a doctor today. Avoid fatty food. Go to emergency care if the pain lasts more than a few hours, or you have a fever or yellow skin.',
    findings: { abdominal_pain: 0.98, ruq_pain: 0.8, epigastric_pain: 0.45, fatty_meal_pain: 0.6, nausea: 0.7, vomiting: 0.5, severe_pain: 0.6, colicky_pain: 0.3, shoulder_tip_pain: 0.2, fever: 0.25, jaundice: 0.1, dark_urine: 0.08, obesity: 0.4, previous_similar: 0.45, back_pain: 0.2, restless_with_pain: 0.3, sudden_onset: 0.6 }
  },
  {
    key: 'appendicitis',
    code: '74400008',
    term: 'Appendicitis',
    icd10: 'K35.8',
    prevalence: 5,
    ages: { '0-4': 0.3, '5-15': 2, '16-39': 1.3, '40-64': 0.6, '65+': 0.4 },
    description: 'Inflammation of the appendix, which can burst: a surgical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now. Do not eat or drink, and do not take laxatives or painkillers that could hide the pain.',
    findings: { abdominal_pain: 0.99, rlq_pain: 0.85, migrating_pain: 0.6, pain_worse_moving: 0.75, appetite_loss: 0.8, nausea: 0.75, vomiting: 0.5, fever: 0.5, diarrhea: 0.15, constipation_finding: 0.15, severe_pain: 0.6, lower_abdominal_pain: 0.4, onset_recent: 0.8, colicky_pain: 0.15, fatigue: 0.3, sudden_onset: 0.35 }
  },
  {
    key: 'upper_gi_bleeding',
    code: '37372002',
    term: 'Upper gastrointestinal bleeding',
    icd10: 'K92.2',
    prevalence: 1.5,
    ages: { '0-4': 0.1, '5-15': 0.1, '16-39': 0.6, '40-64': 1.2, '65+': 2 },
    description: 'Bleeding from the gullet, stomach or duodenum, for example from an ulcer: vomiting blood or passing black stools.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now, or call emergency services if you feel faint. Do not eat or drink, and stop anti-inflammatory painkillers.',
    findings: { hematemesis: 0.7, melena: 0.6, vomiting: 0.75, nausea: 0.5, epigastric_pain: 0.45, abdominal_pain: 0.5, dizziness: 0.45, syncope: 0.2, pallor: 0.4, fatigue: 0.4, sweating: 0.2, palpitations: 0.25, dyspnea: 0.15, nsaid_use: 0.4, alcohol: 0.35, previous_similar: 0.2 }
  },
  {
    key: 'lower_gi_bleeding',
    code: '87763006',
    term: 'Lower gastrointestinal bleeding',
    icd10: 'K92.2',
    prevalence: 1.5,
    ages: { '0-4': 0.2, '5-15': 0.2, '16-39': 0.5, '65+': 2.5 },
    description: 'Bleeding from the bowel, seen as red or maroon blood from the back passage, for example from diverticula or colitis.',
    triage: 'urgent',
    specialist: 'Gastroenterologist',
    selfCare: 'See a doctor today. Go to an emergency department now if you pass a lot of blood, feel faint or dizzy, or your heart is racing.',
    findings: { blood_in_stool: 0.95, melena: 0.1, diarrhea: 0.3, abdominal_pain: 0.35, lower_abdominal_pain: 0.25, constipation_finding: 0.15, dizziness: 0.35, syncope: 0.12, pallor: 0.3, palpitations: 0.2, fatigue: 0.35, weight_loss: 0.1, previous_similar: 0.2 }
  },
  {
    key: 'bowel_obstruction',
    code: '81060008',
    term: 'Bowel obstruction',
    icd10: 'K56.6',
    prevalence: 1.5,
    ages: { '0-4': 0.3, '5-15': 0.2, '16-39': 0.4, '40-64': 1.2, '65+': 3 },
    description: 'A blockage of the bowel, so that nothing passes: cramping pain, a swollen belly and vomiting. A surgical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now. Do not eat, and do not take laxatives.',
    findings: { abdominal_pain: 0.95, colicky_pain: 0.75, vomiting: 0.8, nausea: 0.8, constipation_finding: 0.75, bloating: 0.8, appetite_loss: 0.6, severe_pain: 0.5, abdominal_mass: 0.1, diarrhea: 0.1, fever: 0.15, onset_recent: 0.4, previous_similar: 0.15, sudden_onset: 0.4, pain_worse_moving: 0.35 }
  },
  {
    key: 'acute_liver_failure',
    code: '197270009',
    term: 'Acute liver failure',
    icd10: 'K72.0',
    prevalence: 0.2,
    description: 'The liver stops working within days or weeks, for example after a paracetamol overdose or hepatitis: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now. Do not take paracetamol or drink alcohol.',
    findings: { jaundice: 0.9, fatigue: 0.9, appetite_loss: 0.7, nausea: 0.7, vomiting: 0.5, dark_urine: 0.6, ruq_pain: 0.4, abdominal_pain: 0.5, bloating: 0.3, confusion: 0.5, drowsiness: 0.5, very_unwell: 0.6, fever: 0.2, took_overdose: 0.4, alcohol: 0.3 }
  }
]
