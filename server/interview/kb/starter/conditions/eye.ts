import type { KbCondition } from '../../model.js'
import { GP, CHILD } from '../define.js'

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
    findings: { red_eye: 0.95, eye_discharge: 0.7, itchy_eyes: 0.5, watery_eyes: 0.6, runny_nose: 0.2, sick_contact: 0.3, photophobia: 0.1, blurred_vision: 0.1, seasonal_triggers: 0.15, sneezing: 0.1 }
  }
]
