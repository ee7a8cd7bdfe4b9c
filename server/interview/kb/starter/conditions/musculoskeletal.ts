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
  }
]
