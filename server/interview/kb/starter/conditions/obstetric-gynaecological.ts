import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

/** Pregnancy and gynaecology. */
export const OBSTETRIC_GYNAECOLOGICAL: KbCondition[] = [
  {
    key: 'ectopic_pregnancy',
    code: '34801009',
    term: 'Ectopic pregnancy',
    icd10: 'O00.9',
    prevalence: 1,
    ages: { '0-4': 0, '5-15': 0.05, '40-64': 0.3, '65+': 0 },
    sexes: { male: 0 },
    description: 'A pregnancy growing outside the womb, usually in a fallopian tube: a medical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now, or call emergency services if the pain is severe or you feel faint.',
    findings: { abdominal_pain: 0.95, lower_abdominal_pain: 0.8, missed_period: 0.8, vaginal_bleeding: 0.7, shoulder_tip_pain: 0.2, dizziness: 0.35, syncope: 0.15, nausea: 0.35, vomiting: 0.15, pregnant: 0.4, rlq_pain: 0.3, pain_worse_moving: 0.3, severe_pain: 0.5, pallor: 0.2, sudden_onset: 0.6 }
  },
  {
    key: 'ovarian_torsion',
    // SNOMED CT: the broader concept Acute abdomen; no verified concept id for ovarian torsion itself.
    code: '9209005',
    term: 'Ovarian torsion',
    icd10: 'N83.5',
    prevalence: 0.8,
    ages: { '0-4': 0.1, '16-39': 1.5, '40-64': 0.6, '65+': 0.1 },
    sexes: { male: 0 },
    description: 'An ovary twists on its blood supply, causing sudden severe pain low in the belly: a surgical emergency.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department now. Do not eat or drink in case an operation is needed.',
    findings: { abdominal_pain: 0.95, lower_abdominal_pain: 0.85, rlq_pain: 0.4, sudden_onset: 0.75, severe_pain: 0.75, colicky_pain: 0.3, restless_with_pain: 0.3, nausea: 0.7, vomiting: 0.5, fever: 0.1, vaginal_bleeding: 0.05, onset_recent: 0.8, previous_similar: 0.15, pregnant: 0.1, pain_worse_moving: 0.4 }
  },
  {
    key: 'pre_eclampsia',
    code: '398254007',
    term: 'Pre-eclampsia',
    icd10: 'O14.9',
    prevalence: 0.5,
    ages: { '0-4': 0, '5-15': 0.05, '40-64': 0.4, '65+': 0 },
    sexes: { male: 0 },
    description: 'High blood pressure in the second half of pregnancy that affects the kidneys, liver and brain: it can become dangerous quickly.',
    triage: 'emergency',
    specialist: 'Maternity assessment unit',
    selfCare: 'Call your maternity unit or emergency services now if you have a severe headache, vision problems, pain under the ribs, or sudden swelling of the face, hands or feet.',
    findings: { pregnant: 0.99, headache: 0.6, blurred_vision: 0.4, floaters_flashes: 0.3, epigastric_pain: 0.35, ruq_pain: 0.2, abdominal_pain: 0.4, oedema: 0.6, nausea: 0.35, vomiting: 0.25, hypertension: 0.5, dyspnea: 0.1, seizure: 0.03, confusion: 0.05, sudden_onset: 0.4 }
  },
  {
    key: 'miscarriage',
    code: '17369002',
    term: 'Miscarriage',
    icd10: 'O03.9',
    prevalence: 3,
    ages: { '0-4': 0, '5-15': 0.05, '65+': 0 },
    sexes: { male: 0 },
    description: 'Loss of a pregnancy before 24 weeks: bleeding and cramping in early pregnancy.',
    triage: 'urgent',
    specialist: 'Early pregnancy unit',
    selfCare: 'Contact your early pregnancy unit or a doctor today. Go to an emergency department if bleeding is heavy, you feel faint, or have severe one-sided pain.',
    findings: { pregnant: 0.9, missed_period: 0.6, vaginal_bleeding: 0.95, lower_abdominal_pain: 0.7, abdominal_pain: 0.75, colicky_pain: 0.6, back_pain: 0.3, dizziness: 0.15, sudden_onset: 0.4, onset_recent: 0.6 }
  },
  {
    key: 'pelvic_inflammatory_disease',
    code: '198130006',
    term: 'Pelvic inflammatory disease',
    icd10: 'N73.9',
    prevalence: 3,
    ages: { '0-4': 0, '5-15': 0.3, '40-64': 0.4, '65+': 0.05 },
    sexes: { male: 0 },
    description: 'An infection of the womb, tubes and ovaries, often from a sexually transmitted infection.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor or sexual health clinic today: it needs antibiotics to protect fertility. Go to an emergency department if the pain is severe or you are pregnant.',
    findings: { lower_abdominal_pain: 0.9, abdominal_pain: 0.9, vaginal_discharge: 0.55, fever: 0.4, vaginal_bleeding: 0.3, dysuria: 0.2, nausea: 0.2, back_pain: 0.2, sudden_onset: 0.2, pregnant: 0.02 }
  },
  {
    key: 'dysmenorrhoea',
    code: '266599000',
    term: 'Period pain',
    icd10: 'N94.6',
    prevalence: 40,
    ages: { '0-4': 0, '5-15': 1, '40-64': 0.4, '65+': 0 },
    sexes: { male: 0 },
    description: 'Cramping pain low in the belly with periods.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Take ibuprofen or naproxen from the start of the period, use a hot water bottle, and keep active. See a doctor if the pain is severe, new after 25, or comes with heavy or irregular bleeding.',
    findings: { pain_with_periods: 0.98, lower_abdominal_pain: 0.95, abdominal_pain: 0.95, colicky_pain: 0.8, back_pain: 0.4, nausea: 0.3, headache: 0.25, heavy_periods: 0.3, previous_similar: 0.9, diarrhea: 0.15, fatigue: 0.3 }
  },
  {
    key: 'vaginal_thrush',
    code: '72934000',
    term: 'Vaginal thrush',
    icd10: 'B37.3',
    prevalence: 20,
    ages: { '0-4': 0.05, '5-15': 0.3, '65+': 0.3 },
    sexes: { male: 0 },
    description: 'A yeast infection of the vagina: itching and thick white discharge.',
    triage: 'self_care',
    specialist: 'Pharmacist',
    selfCare: 'A pharmacist can give an antifungal pessary or cream. See a doctor if it keeps coming back, you are pregnant, or the discharge is smelly or coloured.',
    findings: { pruritus: 0.9, vaginal_discharge: 0.7, dysuria: 0.3, skin_redness: 0.3, previous_similar: 0.5, diabetes: 0.1, pregnant: 0.05, lower_abdominal_pain: 0.03, fever: 0.005, cloudy_urine: 0.03 }
  }
]
