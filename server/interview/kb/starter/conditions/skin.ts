import type { KbCondition } from '../../model.js'
import { GP } from '../define.js'

/** Skin. */
export const SKIN: KbCondition[] = [
  {
    key: 'contact_dermatitis',
    code: '40275004',
    term: 'Contact dermatitis',
    icd10: 'L25.9',
    prevalence: 20,
    description: 'An itchy skin reaction where something irritating or allergenic touched the skin.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Avoid what caused it, wash the area, use a plain moisturiser and a mild steroid cream from a pharmacy. See a doctor if it spreads or weeps.',
    findings: { rash: 0.95, pruritus: 0.85, skin_redness: 0.6, dry_skin_patch: 0.6, contact_irritant: 0.75, burning_skin: 0.3, skin_swelling: 0.2, previous_similar: 0.35, wheals: 0.05, fever: 0.01, sudden_onset: 0.3 }
  },
  {
    key: 'shingles',
    code: '4740000',
    term: 'Shingles',
    icd10: 'B02.9',
    prevalence: 8,
    ages: { '0-4': 0.05, '5-15': 0.1, '16-39': 0.4, '40-64': 1.5, '65+': 3 },
    description: 'Herpes zoster: a painful blistering rash on one side of the body from the chickenpox virus.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a doctor within 3 days of the rash appearing: antiviral tablets help. Keep the rash clean and covered, take paracetamol, and avoid pregnant women and babies until the blisters crust.',
    findings: { rash: 0.95, blisters_band: 0.9, burning_skin: 0.85, tingling: 0.5, pruritus: 0.4, skin_redness: 0.4, fever: 0.15, headache: 0.2, fatigue: 0.35, chest_pain: 0.1, back_pain: 0.1, sudden_onset: 0.2 }
  },
  {
    key: 'cellulitis',
    code: '128045006',
    term: 'Cellulitis',
    icd10: 'L03.9',
    prevalence: 10,
    ages: { '0-4': 0.3, '65+': 1.5 },
    description: 'A bacterial infection of the deeper layers of the skin.',
    triage: 'urgent',
    specialist: GP,
    selfCare: 'See a doctor today: cellulitis needs antibiotics. Raise the affected limb, drink fluids, and draw around the red area to see if it spreads. Seek emergency care if you feel very unwell or confused.',
    findings: { skin_redness: 0.95, skin_swelling: 0.85, skin_wound: 0.55, fever: 0.4, chills: 0.25, rash: 0.3, leg_swelling: 0.35, diabetes: 0.2, fatigue: 0.3, burning_skin: 0.2, pruritus: 0.1, calf_pain: 0.2, sudden_onset: 0.35, leg_pain: 0.45 }
  }
]
