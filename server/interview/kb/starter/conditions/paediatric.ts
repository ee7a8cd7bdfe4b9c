import type { KbCondition } from '../../model.js'
import { GP, ED, PAEDIATRICIAN } from '../define.js'

/** Conditions of babies and young children. */
export const PAEDIATRIC: KbCondition[] = [
  {
    key: 'intussusception',
    code: '49723003',
    term: 'Intussusception',
    icd10: 'K56.1',
    prevalence: 0.4,
    ages: { '0-4': 8, '5-15': 0.3, '16-39': 0.01, '40-64': 0.01, '65+': 0.01 },
    description: 'Part of the bowel slides into the next part like a telescope, usually in babies and toddlers: a surgical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Take the child to an emergency department now, or call emergency services if the child is floppy or pale.',
    findings: { excessive_crying: 0.85, colicky_pain: 0.8, abdominal_pain: 0.85, vomiting: 0.8, blood_in_stool: 0.45, drowsiness: 0.4, floppy: 0.3, pallor: 0.5, poor_feeding: 0.5, abdominal_mass: 0.2, fever: 0.2, diarrhea: 0.2, sudden_onset: 0.6 }
  },
  {
    key: 'kawasaki_disease',
    code: '75053002',
    term: 'Kawasaki disease',
    icd10: 'M30.3',
    prevalence: 0.2,
    ages: { '0-4': 10, '16-39': 0.01, '40-64': 0.01, '65+': 0.01 },
    description: 'Inflammation of the blood vessels in young children, with five days of fever, red eyes, rash and swollen hands and feet; untreated it can damage the heart.',
    triage: 'urgent',
    specialist: PAEDIATRICIAN,
    selfCare: 'See a doctor today: a fever lasting five days or more with red eyes, a rash, red lips or swollen hands and feet needs assessment for Kawasaki disease.',
    findings: { fever: 0.99, duration_long: 0.3, rash: 0.8, red_eye: 0.85, eye_discharge: 0.05, oedema: 0.5, lymph_nodes: 0.6, irritability: 0.8, dry_skin_patch: 0.3, sore_throat: 0.3, appetite_loss: 0.6, poor_feeding: 0.4, vomiting: 0.2, diarrhea: 0.2, joint_pain: 0.2, runny_nose: 0.1, cough: 0.1 }
  },
  {
    key: 'haemolytic_uraemic_syndrome',
    code: '111407006',
    term: 'Haemolytic uraemic syndrome',
    icd10: 'D59.3',
    prevalence: 0.2,
    ages: { '0-4': 6, '5-15': 2, '16-39': 0.2, '40-64': 0.2, '65+': 0.5 },
    description: 'After a bloody diarrhoea infection (often E. coli), red blood cells break down and the kidneys fail: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now if a child with bloody diarrhoea becomes pale, very tired, passes little urine, or has swelling or bruising.',
    findings: { blood_in_stool: 0.8, diarrhea: 0.9, reduced_urine: 0.7, pallor: 0.7, fatigue: 0.8, drowsiness: 0.4, irritability: 0.4, oedema: 0.4, vomiting: 0.6, abdominal_pain: 0.7, fever: 0.3, petechial_rash: 0.2, confusion: 0.15, seizure: 0.05 }
  },
  {
    key: 'croup',
    code: '71186008',
    term: 'Croup',
    icd10: 'J05.0',
    prevalence: 10,
    ages: { '0-4': 8, '5-15': 0.5, '16-39': 0.01, '40-64': 0.01, '65+': 0.01 },
    description: 'A viral infection of the voice box in young children: a barking cough and hoarse voice, worse at night.',
    // Seen the same day: NHS croup, "ask for an urgent GP appointment"; stridor at rest is moderate croup (NICE CKS).
    triage: 'urgent',
    specialist: GP,
    selfCare: 'Keep the child calm and upright and give paracetamol or ibuprofen for fever. See a doctor today. Call emergency services if the breathing is noisy at rest, the child is struggling to breathe, pale or drowsy.',
    findings: { cough: 0.99, dry_cough: 0.9, hoarseness: 0.7, stridor: 0.5, night_cough: 0.6, runny_nose: 0.6, fever: 0.5, dyspnea: 0.3, sore_throat: 0.3, sudden_onset: 0.4, onset_recent: 0.6, sick_contact: 0.4 }
  },
  {
    key: 'bronchiolitis',
    code: '4120002',
    term: 'Bronchiolitis',
    icd10: 'J21.9',
    prevalence: 8,
    ages: { '0-4': 10, '5-15': 0.01, '16-39': 0.001, '40-64': 0.001, '65+': 0.001 },
    description: 'A viral chest infection of babies: a cold that goes to the chest, with cough, fast breathing and feeding trouble.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Give small frequent feeds and keep the nose clear. See a doctor today if the baby takes less than half its usual feeds or has fewer wet nappies. Call emergency services if the baby struggles to breathe, pauses breathing, or looks blue.',
    findings: { cough: 0.95, runny_nose: 0.8, wheezing: 0.6, dyspnea: 0.6, fever: 0.5, poor_feeding: 0.55, nasal_congestion: 0.5, irritability: 0.3, reduced_urine: 0.1, mottled_skin: 0.03, sick_contact: 0.4, onset_recent: 0.3 }
  },
  {
    key: 'whooping_cough',
    code: '27836007',
    term: 'Whooping cough',
    icd10: 'A37.9',
    prevalence: 2,
    ages: { '0-4': 2 },
    description: 'Pertussis: a bacterial infection with long coughing fits, a whoop on breathing in, and sometimes vomiting after coughing.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor: antibiotics in the first 3 weeks stop the spread. Babies under 6 months need urgent assessment. Call emergency services if a baby stops breathing or goes blue in a coughing fit.',
    findings: { cough: 0.99, night_cough: 0.7, vomiting: 0.5, duration_long: 0.8, runny_nose: 0.5, dry_cough: 0.5, fever: 0.2, dyspnea: 0.3, mottled_skin: 0.1, sick_contact: 0.4, onset_recent: 0.02 }
  },
  {
    key: 'febrile_seizure',
    code: '41497008',
    term: 'Febrile seizure',
    icd10: 'R56.0',
    prevalence: 2,
    ages: { '0-4': 15, '5-15': 0.5, '16-39': 0.001, '40-64': 0.001, '65+': 0.001 },
    description: 'A fit in a young child caused by a high temperature.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Call emergency services for a first fit, or one lasting over 5 minutes. Lay the child on their side, do not put anything in their mouth, and note how long it lasts.',
    findings: { seizure: 0.99, fever: 0.95, drowsiness: 0.5, runny_nose: 0.4, cough: 0.3, irritability: 0.3, vomiting: 0.15, sudden_onset: 0.9, onset_recent: 0.8, previous_similar: 0.3 }
  },
  {
    key: 'chickenpox',
    code: '38907003',
    term: 'Chickenpox',
    icd10: 'B01.9',
    prevalence: 10,
    ages: { '0-4': 3, '5-15': 2, '40-64': 0.3, '65+': 0.2 },
    description: 'A common childhood virus: an itchy rash of spots that turn into blisters and then crust.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Keep cool, use calamine or cooling gel and paracetamol (not ibuprofen). Stay away from school or work until all spots have crusted. See a doctor if you are pregnant, an adult, a newborn, or the skin around the spots becomes red and painful.',
    findings: { rash: 0.99, pruritus: 0.85, fever: 0.7, sick_contact: 0.6, fatigue: 0.4, appetite_loss: 0.3, headache: 0.3, blisters_band: 0.05, mouth_ulcers: 0.2 }
  },
  {
    key: 'hand_foot_mouth_disease',
    code: '266108008',
    term: 'Hand, foot and mouth disease',
    icd10: 'B08.4',
    prevalence: 8,
    ages: { '0-4': 5, '5-15': 1.5, '40-64': 0.2, '65+': 0.1 },
    description: 'A mild viral illness of young children: mouth ulcers and spots on the hands and feet.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Give fluids, soft food and paracetamol or ibuprofen. See a doctor if the child is not drinking, has fewer wet nappies, or seems very unwell.',
    findings: { mouth_ulcers: 0.9, rash: 0.85, fever: 0.7, sore_throat: 0.6, poor_feeding: 0.5, appetite_loss: 0.5, irritability: 0.3, sick_contact: 0.5, pruritus: 0.2 }
  },
  {
    key: 'scarlet_fever',
    code: '30242009',
    term: 'Scarlet fever',
    icd10: 'A38',
    prevalence: 5,
    ages: { '0-4': 2, '5-15': 3, '40-64': 0.2, '65+': 0.1 },
    description: 'A strep throat infection with a rough, sandpaper-like pink rash, mostly in children.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor: it needs antibiotics. Keep the child off school until 24 hours after starting them.',
    findings: { rash: 0.95, sore_throat: 0.85, fever: 0.85, headache: 0.4, lymph_nodes: 0.5, tonsil_exudate: 0.4, vomiting: 0.2, abdominal_pain: 0.2, pruritus: 0.3, sick_contact: 0.4 }
  },
  {
    key: 'pyloric_stenosis',
    code: '48644003',
    term: 'Pyloric stenosis',
    icd10: 'Q40.0',
    prevalence: 0.5,
    ages: { '0-4': 10, '5-15': 0, '16-39': 0, '40-64': 0, '65+': 0 },
    sexes: { male: 1.6, female: 0.4 },
    description: 'The outlet of the stomach thickens in a young baby, so feeds are vomited forcefully; the baby stays hungry.',
    triage: 'urgent',
    specialist: PAEDIATRICIAN,
    selfCare: 'See a doctor today; go to an emergency department if the baby has fewer wet nappies, is drowsy or floppy.',
    findings: { vomiting: 0.99, weight_loss: 0.5, poor_feeding: 0.3, reduced_urine: 0.3, constipation_finding: 0.3, irritability: 0.4, excessive_crying: 0.3, drowsiness: 0.1, fever: 0.02, diarrhea: 0.02 }
  },
  {
    key: 'infant_colic',
    // SNOMED CT: the broader concept Excessive crying of infant; no verified concept id for infantile colic itself.
    code: '788918005',
    term: 'Infant colic',
    icd10: 'R10.4',
    prevalence: 5,
    ages: { '0-4': 20, '5-15': 0, '16-39': 0, '40-64': 0, '65+': 0 },
    description: 'Long bouts of crying in a healthy, feeding and growing baby, usually in the evening, that settle by 4 months.',
    triage: 'self_care',
    specialist: 'Health visitor',
    selfCare: 'Hold and comfort the baby, try gentle rocking, white noise or a warm bath, and take breaks when you need to. See a doctor if the baby has a fever, vomits green, has blood in the poo, feeds poorly or is floppy, or you are struggling to cope.',
    findings: { excessive_crying: 0.98, irritability: 0.5, previous_similar: 0.7, fever: 0.01, vomiting: 0.1, poor_feeding: 0.05, bloating: 0.3, constipation_finding: 0.1 }
  }
]
