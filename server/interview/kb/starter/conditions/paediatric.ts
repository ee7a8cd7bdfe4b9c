import type { KbCondition } from '../../model.js'
import { ED, PAEDIATRICIAN } from '../define.js'

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
  }
]
