import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Muscles, bones and joints. */
export const MUSCULOSKELETAL: KbCondition[] = [
  {
    key: 'low_back_pain',
    code: '279039007',
    term: 'Low back pain',
    icd10: 'M54.5',
    prevalence: 70,
    ages: { '0-4': 0.02, '5-15': 0.2 },
    description: 'Mechanical back pain from the muscles, joints and ligaments of the lower back.',
    triage: 'self_care',
    specialist: 'Physiotherapist',
    selfCare: 'Keep moving gently and carry on with normal activities as far as you can; take ibuprofen or paracetamol and use heat packs. Most back pain improves within 6 weeks. Seek urgent help if you lose bladder or bowel control or go numb between the legs.',
    findings: { back_pain: 0.98, back_pain_movement: 0.85, sciatic_pain: 0.15, previous_similar: 0.55, stress: 0.2, obesity: 0.3, leg_weakness: 0.02, fever: 0.01, incontinence: 0.002, numbness: 0.05, joint_pain: 0.15, severe_pain: 0.3, sudden_onset: 0.5, leg_pain: 0.15 }
  },
  {
    key: 'sciatica',
    code: '23056005',
    term: 'Sciatica',
    icd10: 'M54.3',
    prevalence: 18,
    ages: { '0-4': 0.01, '5-15': 0.05, '40-64': 1.4 },
    description: 'Irritation of the sciatic nerve, usually from a disc in the lower back, causing pain down the leg.',
    triage: 'consultation',
    specialist: 'Physiotherapist',
    selfCare: 'Keep moving gently, take paracetamol or ibuprofen and use heat. See a doctor if it lasts over 4 weeks. Seek emergency care if you lose bladder or bowel control, go numb between the legs, or both legs become weak.',
    findings: { sciatic_pain: 0.95, back_pain: 0.8, back_pain_movement: 0.7, numbness: 0.45, tingling: 0.5, leg_weakness: 0.2, incontinence: 0.01, previous_similar: 0.45, severe_pain: 0.45, obesity: 0.3, sudden_onset: 0.35, leg_pain: 0.8 }
  },
  {
    key: 'costochondritis',
    code: '64109004',
    term: 'Chest wall pain',
    icd10: 'M94.0',
    prevalence: 15,
    description: 'Costochondritis: inflammation where the ribs join the breastbone, causing chest pain that is sore to touch.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Ibuprofen or paracetamol, rest from strenuous activity and a warm compress usually help within weeks. Any new chest pain with breathlessness, sweating or pain spreading to the arm needs emergency care.',
    findings: { chest_pain: 0.98, chest_wall_tenderness: 0.85, pleuritic_pain: 0.45, chest_pain_rest: 0.3, chest_pain_exertion: 0.2, chest_pain_radiating: 0.05, dyspnea: 0.08, sweating: 0.03, previous_similar: 0.3, anxiety: 0.2, sudden_onset: 0.3 }
  },
  {
    key: 'cauda_equina_syndrome',
    code: '192970008',
    term: 'Cauda equina syndrome',
    icd10: 'G83.4',
    prevalence: 0.3,
    ages: { '0-4': 0.01, '5-15': 0.05, '40-64': 1.5 },
    description: 'Pressure on the nerves at the bottom of the spine, threatening bladder, bowel and leg function: a surgical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now: numbness between the legs, or trouble passing or holding urine or stool, with back pain needs an urgent scan.',
    findings: { back_pain: 0.95, sciatic_pain: 0.8, incontinence: 0.75, urinary_retention: 0.5, leg_weakness: 0.6, numbness: 0.7, tingling: 0.5, severe_pain: 0.6, back_pain_movement: 0.5, previous_similar: 0.4 }
  },
  {
    key: 'septic_arthritis',
    // SNOMED CT: the broader concept Arthritis; no verified concept id for septic arthritis itself.
    code: '3723001',
    term: 'Septic arthritis',
    icd10: 'M00.9',
    prevalence: 0.3,
    ages: { '0-4': 2, '65+': 2 },
    description: 'A bacterial infection inside a joint: a hot, swollen, very painful joint that cannot be moved.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now: the joint can be destroyed within days.',
    findings: { joint_pain: 0.98, joint_swelling: 0.9, fever: 0.7, skin_redness: 0.6, severe_pain: 0.7, limp: 0.6, chills: 0.3, very_unwell: 0.3, diabetes: 0.15, sudden_onset: 0.4, onset_recent: 0.4, previous_similar: 0.05 }
  },
  {
    key: 'gout',
    code: '90560007',
    term: 'Gout',
    icd10: 'M10.9',
    prevalence: 10,
    ages: { '0-4': 0.01, '5-15': 0.01, '16-39': 0.4, '65+': 1.5 },
    sexes: { male: 1.8, female: 0.4 },
    description: 'Crystals in a joint, often the big toe, causing sudden attacks of severe pain, swelling and redness.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Rest and raise the joint, take an anti-inflammatory painkiller if you can, and keep it cool. See a doctor. Go to an emergency department if you have a fever or feel very unwell.',
    findings: { joint_pain: 0.99, joint_swelling: 0.9, skin_redness: 0.8, severe_pain: 0.8, sudden_onset: 0.8, previous_similar: 0.6, alcohol: 0.3, hypertension: 0.4, obesity: 0.4, fever: 0.1, limp: 0.4 }
  },
  {
    key: 'ankle_sprain',
    code: '44465007',
    term: 'Sprained ankle',
    icd10: 'S93.4',
    prevalence: 25,
    ages: { '0-4': 0.3, '5-15': 1.5 },
    description: 'A stretched or torn ligament of the ankle after twisting it.',
    triage: 'self_care',
    specialist: 'Physiotherapist',
    selfCare: 'Rest, ice for 20 minutes every few hours, a compression bandage and raising the foot; take paracetamol or ibuprofen. See a doctor or minor injuries unit if you cannot put weight on it or the pain over the bone is severe.',
    findings: { limb_injury: 0.95, joint_pain: 0.9, oedema: 0.5, joint_swelling: 0.5, limp: 0.6, leg_pain: 0.3, skin_redness: 0.2, sudden_onset: 0.95, severe_pain: 0.3, onset_recent: 0.7 }
  },
  {
    key: 'knee_osteoarthritis',
    code: '239873007',
    term: 'Osteoarthritis of the knee',
    icd10: 'M17.9',
    prevalence: 25,
    ages: { '0-4': 0, '5-15': 0.01, '16-39': 0.1, '65+': 2.5 },
    sexes: { male: 0.8, female: 1.2 },
    description: 'Wear of the knee joint: pain and stiffness that build up over months, worse with use.',
    triage: 'self_care',
    specialist: 'Physiotherapist',
    selfCare: 'Keep active with exercise that strengthens the thigh muscles, lose weight if you can, and use paracetamol or an anti-inflammatory gel. See a doctor if it stops you sleeping or walking.',
    findings: { joint_pain: 0.99, duration_long: 0.9, joint_swelling: 0.3, limp: 0.3, obesity: 0.5, previous_similar: 0.7, onset_recent: 0.02, leg_pain: 0.3, fever: 0.005 }
  },
  {
    key: 'neck_strain',
    code: '81680005',
    term: 'Neck pain',
    icd10: 'M54.2',
    prevalence: 30,
    ages: { '0-4': 0.02, '5-15': 0.3 },
    description: 'A strained or stiff neck from muscles and joints, often after sleeping awkwardly.',
    triage: 'self_care',
    specialist: 'Physiotherapist',
    selfCare: 'Keep moving your neck gently, use heat and paracetamol or ibuprofen; it usually settles within a week or two. Get emergency care if you also have a fever, a rash, a severe headache, or weakness in the arms.',
    findings: { neck_pain: 0.99, headache: 0.3, back_pain: 0.15, stress: 0.3, tingling: 0.1, previous_similar: 0.5, sudden_onset: 0.4, fever: 0.01 }
  },
  {
    key: 'carpal_tunnel_syndrome',
    code: '57406009',
    term: 'Carpal tunnel syndrome',
    icd10: 'G56.0',
    prevalence: 10,
    ages: { '0-4': 0, '5-15': 0.02 },
    sexes: { male: 0.5, female: 1.5 },
    description: 'Pressure on a nerve at the wrist: pins and needles, numbness and pain in the thumb and fingers, often at night.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Rest the wrist, wear a wrist splint at night and take painkillers. See a doctor if it does not improve in a few weeks or the hand becomes weak.',
    findings: { hand_tingling: 0.95, numbness: 0.6, tingling: 0.6, joint_pain: 0.2, insomnia: 0.3, pregnant: 0.1, diabetes: 0.15, duration_long: 0.7, previous_similar: 0.5 }
  }
]
