import type { KbCondition } from '../../model.js'
import { GP, ED } from '../define.js'

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
  },
  {
    key: 'eczema_flare',
    code: '24079001',
    term: 'Eczema flare-up',
    icd10: 'L20.9',
    prevalence: 25,
    ages: { '0-4': 3, '5-15': 1.5 },
    description: 'Atopic eczema: dry, itchy, inflamed skin that flares up.',
    triage: 'self_care',
    specialist: GP,
    selfCare: 'Use plenty of emollient many times a day instead of soap, and a steroid cream from a pharmacy or doctor on the red patches. See a doctor if the skin weeps, crusts or the child is unwell.',
    findings: { dry_skin_patch: 0.9, pruritus: 0.95, rash: 0.8, skin_redness: 0.5, previous_similar: 0.85, seasonal_triggers: 0.2, asthma_history: 0.2, insomnia: 0.2, contact_irritant: 0.15 }
  },
  {
    key: 'impetigo',
    code: '48277006',
    term: 'Impetigo',
    icd10: 'L01.0',
    prevalence: 8,
    ages: { '0-4': 3, '5-15': 2, '65+': 0.5 },
    description: 'A contagious skin infection, mostly in children: sores that burst and leave golden crusts, often around the mouth and nose.',
    triage: 'consultation',
    specialist: GP,
    selfCare: 'See a pharmacist or doctor for a cream. Wash the sores gently, do not share towels, and keep children off school until the sores crust over or 48 hours after antibiotics.',
    findings: { rash: 0.95, pruritus: 0.5, skin_redness: 0.4, sick_contact: 0.35, fever: 0.05, skin_wound: 0.3, lymph_nodes: 0.1, previous_similar: 0.15 }
  },
  {
    key: 'scabies',
    code: '128869009',
    term: 'Scabies',
    icd10: 'B86',
    prevalence: 6,
    ages: { '0-4': 1.5 },
    description: 'Tiny mites that burrow into the skin: intense itching, worse at night, often shared by the household.',
    triage: 'consultation',
    specialist: 'Pharmacist',
    selfCare: 'A pharmacist can give a cream or lotion; treat everyone in the household on the same day and wash bedding and clothes at 50 degrees.',
    findings: { pruritus: 0.98, rash: 0.85, sick_contact: 0.6, insomnia: 0.4, skin_redness: 0.3, dry_skin_patch: 0.2, fever: 0.01, duration_long: 0.5 }
  },
  {
    key: 'cold_sores',
    // SNOMED CT: the broader concept Herpes simplex; no verified concept id for herpes labialis itself.
    code: '88594005',
    term: 'Cold sores',
    icd10: 'B00.1',
    prevalence: 15,
    description: 'Herpes labialis: small blisters on the lip from the herpes simplex virus, which come back now and then.',
    triage: 'self_care',
    specialist: 'Pharmacist',
    selfCare: 'An antiviral cream from a pharmacy helps if used at the first tingle. Do not kiss babies or share towels until it has healed. See a doctor if it spreads to the eye, lasts over 10 days, or you have a weak immune system.',
    findings: { lip_blisters: 0.98, tingling: 0.3, burning_skin: 0.3, previous_similar: 0.7, fever: 0.05, sore_throat: 0.05, mouth_ulcers: 0.1, lymph_nodes: 0.1, sudden_onset: 0.3, stress: 0.3 }
  },
  {
    key: 'periorbital_cellulitis',
    // SNOMED CT: the broader concept Disorder of skin; no verified concept id for periorbital cellulitis itself.
    code: '95320005',
    term: 'Periorbital cellulitis',
    icd10: 'L03.2',
    prevalence: 1.5,
    ages: { '0-4': 3, '5-15': 2, '65+': 0.5 },
    description: 'An infection of the eyelid and the skin around the eye; spreading behind the eye (orbital cellulitis) threatens sight.',
    triage: 'urgent',
    specialist: ED,
    selfCare: 'See a doctor today: it needs antibiotics. Go to an emergency department now if the eye bulges, it hurts to move the eye, vision changes or double vision starts, or the person is drowsy or very unwell.',
    findings: { eyelid_swelling: 0.95, skin_redness: 0.8, eye_pain: 0.5, fever: 0.5, red_eye: 0.3, blurred_vision: 0.1, vision_loss: 0.03, skin_wound: 0.2, runny_nose: 0.3, nasal_congestion: 0.3, headache: 0.2, fatigue: 0.3, sudden_onset: 0.4 }
  }
]
