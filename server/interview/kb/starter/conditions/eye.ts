import type { KbCondition } from '../../model.js'
import { GP, ED, CHILD } from '../define.js'

/** Eye. */
export const EYE: KbCondition[] = [
  {
    key: 'conjunctivitis',
    code: '9826008',
    term: 'Conjunctivitis',
    icd10: 'H10.9',
    prevalence: 35,
    ages: CHILD,
    description: 'Pink eye: inflammation of the thin layer over the white of the eye, from an infection or allergy.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Clean the eyes with cooled boiled water, do not share towels, and wash your hands often. See a doctor if the eye is painful, vision changes, or light hurts.',
    findings: { red_eye: 0.95, eye_discharge: 0.7, itchy_eyes: 0.5, watery_eyes: 0.6, runny_nose: 0.2, sick_contact: 0.3, photophobia: 0.1, blurred_vision: 0.1, seasonal_triggers: 0.15, sneezing: 0.1, sudden_onset: 0.3, eye_pain: 0.15, eyelid_swelling: 0.2, eye_injury: 0.05 }
  },
  {
    key: 'acute_angle_closure_glaucoma',
    // SNOMED CT: the broader concept Glaucoma; no verified concept id for acute angle-closure glaucoma itself.
    code: '23986001',
    term: 'Acute angle-closure glaucoma',
    icd10: 'H40.2',
    prevalence: 0.4,
    ages: { '0-4': 0.01, '5-15': 0.01, '16-39': 0.1, '65+': 2.5 },
    sexes: { male: 0.7, female: 1.5 },
    description: 'The pressure in the eye rises suddenly because fluid cannot drain: it can blind within hours.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to an emergency department or eye casualty now. Do not wait to see if it settles.',
    findings: { eye_pain: 0.9, red_eye: 0.85, blurred_vision: 0.85, headache: 0.7, nausea: 0.55, vomiting: 0.4, photophobia: 0.4, vision_loss: 0.3, watery_eyes: 0.3, eye_discharge: 0.02, severe_pain: 0.7, sudden_onset: 0.7 }
  },
  {
    key: 'retinal_detachment',
    code: '42059000',
    term: 'Retinal detachment',
    icd10: 'H33.0',
    prevalence: 0.5,
    ages: { '0-4': 0.01, '5-15': 0.1, '16-39': 0.5, '40-64': 1.5, '65+': 2 },
    description: 'The light-sensitive layer at the back of the eye peels away: sight can be saved only if it is repaired quickly.',
    triage: 'emergency',
    specialist: ED,
    selfCare: 'Go to eye casualty or an emergency department today, now if a shadow or curtain is spreading across your vision.',
    findings: { floaters_flashes: 0.85, visual_field_loss: 0.7, blurred_vision: 0.5, vision_loss: 0.3, aura: 0.2, eye_pain: 0.03, red_eye: 0.03, headache: 0.05, eye_injury: 0.1, sudden_onset: 0.7 }
  },
  {
    key: 'corneal_abrasion',
    code: '85848002',
    term: 'Corneal abrasion',
    icd10: 'S05.0',
    prevalence: 6,
    description: 'A scratch on the clear front of the eye: painful, watering and gritty.',
    triage: 'urgent',
    specialist: 'Eye casualty',
    selfCare: 'Do not rub the eye; see a doctor, optician or eye casualty today. Do not wear contact lenses until it heals.',
    findings: { eye_injury: 0.85, eye_pain: 0.9, watery_eyes: 0.8, red_eye: 0.7, photophobia: 0.5, blurred_vision: 0.3, sudden_onset: 0.8, eye_discharge: 0.05 }
  }
]
