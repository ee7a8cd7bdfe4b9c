import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Neurological: headaches, dizziness, and the brain emergencies. */
export const NEUROLOGICAL: KbCondition[] = [
  {
    key: 'migraine',
    code: '37796009',
    term: 'Migraine',
    icd10: 'G43.9',
    prevalence: 45,
    ages: { '0-4': 0.1, '5-15': 0.5, '65+': 0.4 },
    sexes: { male: 0.4, female: 1.2 },
    description: 'Recurrent headaches, often one-sided and throbbing, with sickness and sensitivity to light.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Rest in a quiet, dark room, drink water, and take ibuprofen or paracetamol early in the attack. See a doctor if attacks are frequent or change in pattern.',
    findings: { headache: 0.99, unilateral_headache: 0.6, throbbing_headache: 0.75, headache_worse_activity: 0.75, nausea: 0.75, vomiting: 0.35, photophobia: 0.8, phonophobia: 0.7, aura: 0.3, blurred_vision: 0.2, previous_similar: 0.8, dizziness: 0.25, pressing_headache: 0.15, fatigue: 0.3, neck_pain: 0.2, stress: 0.35, tingling: 0.1, fever: 0.02, sudden_onset: 0.45 }
  },
  {
    key: 'tension_headache',
    code: '398057008',
    term: 'Tension-type headache',
    icd10: 'G44.2',
    prevalence: 70,
    ages: { '0-4': 0.1 },
    description: 'The most common headache: a tight, pressing band around the head.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Take paracetamol or ibuprofen, rest, drink water, relax your neck and shoulders, and keep regular sleep and meals. See a doctor if headaches are frequent.',
    findings: { headache: 0.99, pressing_headache: 0.75, unilateral_headache: 0.1, throbbing_headache: 0.15, headache_worse_activity: 0.1, neck_pain: 0.45, stress: 0.6, fatigue: 0.35, nausea: 0.05, photophobia: 0.15, phonophobia: 0.15, previous_similar: 0.6, fever: 0.01, sudden_onset: 0.15 }
  },
  {
    key: 'subarachnoid_haemorrhage',
    code: '21454007',
    term: 'Subarachnoid haemorrhage',
    icd10: 'I60.9',
    prevalence: 0.5,
    ages: { '0-4': 0.05, '5-15': 0.1, '16-39': 0.6, '65+': 1.2 },
    description: 'Bleeding around the brain, usually from a burst blood vessel: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Do not drive yourself. Lie down and do not take aspirin.',
    findings: { headache: 0.99, thunderclap_headache: 0.85, vomiting: 0.6, nausea: 0.7, neck_stiffness: 0.55, photophobia: 0.5, syncope: 0.3, confusion: 0.35, drowsiness: 0.35, seizure: 0.08, blurred_vision: 0.15, sudden_onset: 0.9, hypertension: 0.4, smoker: 0.4, previous_similar: 0.03, severe_pain: 0.9 }
  },
  {
    key: 'bacterial_meningitis',
    code: '95883001',
    term: 'Bacterial meningitis',
    icd10: 'G00.9',
    prevalence: 1,
    ages: { '0-4': 4, '5-15': 2, '16-39': 1.2, '65+': 1 },
    description: 'Infection of the membranes around the brain and spinal cord: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now. Meningitis needs antibiotics in hospital as soon as possible.',
    findings: { fever: 0.9, headache: 0.85, neck_stiffness: 0.75, photophobia: 0.5, vomiting: 0.55, nausea: 0.55, confusion: 0.55, drowsiness: 0.5, petechial_rash: 0.3, rash: 0.35, seizure: 0.15, chills: 0.5, myalgia: 0.3, sudden_onset: 0.5, fatigue: 0.6, severe_pain: 0.6 }
  },
  {
    key: 'stroke',
    code: '230690007',
    term: 'Stroke',
    icd10: 'I64',
    prevalence: 2.5,
    ages: { '0-4': 0.01, '5-15': 0.02, '16-39': 0.1, '40-64': 1, '65+': 5 },
    description: 'Blood flow to part of the brain is blocked or bleeds: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services now and note the time the symptoms started. Do not eat or drink anything.',
    findings: { hemiparesis: 0.8, facial_droop: 0.7, slurred_speech: 0.7, numbness: 0.5, vision_loss: 0.25, blurred_vision: 0.25, confusion: 0.4, dizziness: 0.35, headache: 0.25, vertigo: 0.12, sudden_onset: 0.95, hypertension: 0.65, diabetes: 0.3, smoker: 0.3, heart_disease: 0.3, syncope: 0.1, dysphagia: 0.3, nausea: 0.15, vomiting: 0.1, tingling: 0.25, leg_pain: 0.03 }
  },
  {
    key: 'bppv',
    code: '111541001',
    term: 'Benign paroxysmal positional vertigo',
    icd10: 'H81.1',
    prevalence: 12,
    ages: { '0-4': 0.05, '5-15': 0.1, '40-64': 1.5, '65+': 2.5 },
    description: 'Brief spinning spells set off by moving the head, from loose crystals in the inner ear.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Move slowly, sit down when dizzy, and avoid heights while it lasts. A doctor or physiotherapist can treat it with simple head movements (the Epley manoeuvre).',
    findings: { vertigo: 0.95, vertigo_head_movement: 0.9, dizziness: 0.8, nausea: 0.5, vomiting: 0.15, previous_similar: 0.4, hearing_loss: 0.03, tinnitus: 0.05, headache: 0.1, sudden_onset: 0.5 }
  },
  {
    key: 'tia',
    code: '266257000',
    term: 'Transient ischaemic attack',
    icd10: 'G45.9',
    prevalence: 1.5,
    ages: { '0-4': 0.01, '5-15': 0.02, '16-39': 0.1, '65+': 4 },
    description: 'A mini-stroke: stroke symptoms that pass within minutes or hours, a warning that a stroke may follow.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services even if the symptoms have gone: the risk of a stroke is highest in the next days. Do not drive.',
    findings: { hemiparesis: 0.6, facial_droop: 0.5, slurred_speech: 0.55, numbness: 0.45, tingling: 0.25, vision_loss: 0.25, blurred_vision: 0.2, dizziness: 0.3, confusion: 0.15, headache: 0.1, sudden_onset: 0.95, onset_recent: 0.7, hypertension: 0.6, diabetes: 0.25, smoker: 0.3, heart_disease: 0.3, previous_similar: 0.2 }
  },
  {
    key: 'bells_palsy',
    code: '193093009',
    term: 'Bell\'s palsy',
    icd10: 'G51.0',
    prevalence: 2,
    ages: { '0-4': 0.2, '5-15': 0.5 },
    description: 'Sudden weakness of one whole side of the face from an inflamed facial nerve; most recover within months.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor within 72 hours: steroid tablets help if started early. Tape the eye shut at night and use eye drops. Call emergency services if an arm or leg is weak, speech is affected, or you are unsure whether it is a stroke.',
    findings: { facial_droop: 0.98, ear_pain: 0.3, numbness: 0.2, tingling: 0.15, watery_eyes: 0.3, hemiparesis: 0.01, slurred_speech: 0.1, headache: 0.15, sudden_onset: 0.8, onset_recent: 0.6, phonophobia: 0.15, pregnant: 0.05, diabetes: 0.12 }
  },
  {
    key: 'cluster_headache',
    code: '193031009',
    term: 'Cluster headache',
    icd10: 'G44.0',
    prevalence: 2,
    ages: { '0-4': 0.01, '5-15': 0.1, '65+': 0.4 },
    sexes: { male: 2, female: 0.5 },
    description: 'Attacks of excruciating pain around one eye, with a watering eye and runny nostril on that side, coming in clusters for weeks.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor: oxygen and specific treatments stop attacks. Avoid alcohol during a cluster. Get emergency care for a first-ever sudden severe headache.',
    findings: { headache: 0.99, unilateral_headache: 0.95, eye_pain: 0.8, watery_eyes: 0.7, red_eye: 0.5, runny_nose: 0.4, nasal_congestion: 0.35, restless_with_pain: 0.7, severe_pain: 0.95, sudden_onset: 0.8, previous_similar: 0.8, throbbing_headache: 0.3, nausea: 0.2, photophobia: 0.3, smoker: 0.5, alcohol: 0.3 }
  },
  {
    key: 'giant_cell_arteritis',
    code: '400130008',
    term: 'Giant cell arteritis',
    icd10: 'M31.6',
    prevalence: 1,
    ages: { '0-4': 0, '5-15': 0, '16-39': 0.01, '40-64': 0.5, '65+': 5 },
    sexes: { male: 0.6, female: 1.4 },
    description: 'Inflamed arteries of the head in people over 50: a new headache, tender scalp and risk of sudden blindness.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor today: steroids must start quickly to protect sight. Go to an emergency department now if your vision changes.',
    // Jaw claudication and scalp tenderness are the features that raise the likelihood most (Smetana and Shmerling, JAMA 2002).
    findings: { headache: 0.9, unilateral_headache: 0.5, jaw_claudication: 0.4, scalp_tenderness: 0.5, blurred_vision: 0.3, vision_loss: 0.25, fatigue: 0.5, myalgia: 0.45, fever: 0.25, weight_loss: 0.3, appetite_loss: 0.3, neck_pain: 0.2, sudden_onset: 0.3, previous_similar: 0.05 }
  },
  {
    key: 'vestibular_neuritis',
    // SNOMED CT: the broader concept Vertigo; no verified concept id for vestibular neuritis itself.
    code: '399153001',
    term: 'Vestibular neuritis',
    icd10: 'H81.2',
    prevalence: 5,
    ages: { '0-4': 0.05, '5-15': 0.3 },
    description: 'Inflammation of the balance nerve, often after a cold: sudden constant spinning and vomiting for days.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Rest lying still during the worst, then move about as soon as you can. See a doctor for anti-sickness medicine. Get emergency care if you also have a severe headache, double vision, weakness, numbness or slurred speech, or cannot walk.',
    findings: { vertigo: 0.95, dizziness: 0.9, nausea: 0.85, vomiting: 0.6, vertigo_head_movement: 0.4, sudden_onset: 0.8, sick_contact: 0.2, runny_nose: 0.2, hearing_loss: 0.05, tinnitus: 0.05, headache: 0.1, onset_recent: 0.5 }
  }
]
