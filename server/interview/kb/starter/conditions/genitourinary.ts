import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Kidneys, bladder and genitals. */
export const GENITOURINARY: KbCondition[] = [
  {
    key: 'cystitis',
    code: '68566005',
    term: 'Urinary tract infection',
    icd10: 'N39.0',
    prevalence: 45,
    ages: { '0-4': 0.3, '5-15': 0.3 },
    sexes: { male: 0.15, female: 1.5 },
    description: 'A bladder infection (cystitis).',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'Drink plenty of water and take paracetamol. A pharmacist or doctor can advise on antibiotics. See a doctor urgently if you have a fever, pain in your side, or blood in your urine that persists.',
    findings: { dysuria: 0.9, frequency: 0.85, urgency: 0.75, lower_abdominal_pain: 0.55, abdominal_pain: 0.5, cloudy_urine: 0.5, hematuria: 0.25, fever: 0.1, back_pain: 0.1, flank_pain: 0.05, nausea: 0.1, previous_similar: 0.45, fatigue: 0.2, sudden_onset: 0.45 }
  },
  {
    key: 'pyelonephritis',
    code: '45816000',
    term: 'Kidney infection',
    icd10: 'N10',
    prevalence: 5,
    sexes: { male: 0.3, female: 1.5 },
    description: 'Pyelonephritis: a bacterial infection that has spread up to a kidney.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor today: kidney infections need antibiotics. Drink fluids and take paracetamol. Seek emergency care if you are vomiting and cannot keep fluids down, or feel confused.',
    findings: { flank_pain: 0.85, fever: 0.85, chills: 0.65, dysuria: 0.6, frequency: 0.55, urgency: 0.45, nausea: 0.6, vomiting: 0.4, back_pain: 0.55, abdominal_pain: 0.4, cloudy_urine: 0.4, hematuria: 0.25, fatigue: 0.6, appetite_loss: 0.4, sweating: 0.3, groin_radiation: 0.1, sudden_onset: 0.4 }
  },
  {
    key: 'kidney_stone',
    code: '95570007',
    term: 'Kidney stone',
    icd10: 'N20.0',
    prevalence: 8,
    ages: { '0-4': 0.02, '5-15': 0.1 },
    sexes: { male: 1.5, female: 0.7 },
    description: 'Renal colic: a stone passing from the kidney causes waves of severe pain.',
    triage: 'urgent',
    specialist: 'Urologist',
    selfCare: 'See a doctor today for pain relief and tests. Drink plenty of water. Go to emergency care if you have a fever, vomiting that will not stop, or pain painkillers do not control.',
    findings: { flank_pain: 0.9, groin_radiation: 0.6, colicky_pain: 0.8, severe_pain: 0.85, restless_with_pain: 0.65, hematuria: 0.55, nausea: 0.65, vomiting: 0.45, back_pain: 0.5, abdominal_pain: 0.5, frequency: 0.3, urgency: 0.25, dysuria: 0.2, sweating: 0.35, previous_similar: 0.35, fever: 0.05, sudden_onset: 0.7 }
  },
  {
    key: 'testicular_torsion',
    code: '81996005',
    term: 'Testicular torsion',
    icd10: 'N44',
    prevalence: 1,
    ages: { '0-4': 0.3, '5-15': 4, '40-64': 0.05, '65+': 0.01 },
    sexes: { female: 0 },
    description: 'A testicle twists on its cord and loses its blood supply: it must be untwisted within hours.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now: the testicle can be saved only within a few hours. Do not eat or drink in case an operation is needed.',
    findings: { testicular_pain: 0.98, scrotal_swelling: 0.6, sudden_onset: 0.85, severe_pain: 0.8, onset_recent: 0.9, nausea: 0.55, vomiting: 0.4, abdominal_pain: 0.3, lower_abdominal_pain: 0.25, fever: 0.05, dysuria: 0.02, previous_similar: 0.15 }
  },
  {
    key: 'epididymitis',
    code: '31070006',
    term: 'Epididymo-orchitis',
    icd10: 'N45.9',
    prevalence: 2,
    ages: { '0-4': 0.1, '5-15': 0.3 },
    sexes: { female: 0 },
    description: 'Infection of the tube behind the testicle: a painful, swollen testicle that comes on over a day or two.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor today: it needs antibiotics and a check that it is not torsion. Go to an emergency department now if the pain started suddenly or is severe.',
    findings: { testicular_pain: 0.95, scrotal_swelling: 0.8, fever: 0.4, dysuria: 0.4, frequency: 0.2, skin_redness: 0.3, sudden_onset: 0.2, severe_pain: 0.3, nausea: 0.1, abdominal_pain: 0.1 }
  },
  {
    key: 'chlamydia',
    code: '105629000',
    term: 'Chlamydia',
    icd10: 'A56.2',
    prevalence: 5,
    ages: { '0-4': 0, '5-15': 0.2, '16-39': 2, '40-64': 0.4, '65+': 0.05 },
    description: 'A common sexually transmitted infection, often without symptoms; it can cause discharge, burning on passing urine and, untreated, infertility.',
    triage: 'consultation',
    specialist: 'Sexual health clinic',
    selfCare: 'Get tested at a sexual health clinic or with a home test kit; it is cured with antibiotics. Avoid sex until you and your partners are treated. See a doctor urgently if you have pain low in the belly or in a testicle, or a fever.',
    findings: { dysuria: 0.5, vaginal_discharge: 0.35, frequency: 0.2, cloudy_urine: 0.1, lower_abdominal_pain: 0.2, abdominal_pain: 0.2, vaginal_bleeding: 0.15, testicular_pain: 0.05, fever: 0.05, sudden_onset: 0.1, previous_similar: 0.1 }
  }
]
