import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Circulation and blood. */
export const CIRCULATION: KbFinding[] = [
  finding('leg_swelling', '449614009', 'Swelling of one leg', 'One calf or leg swollen', ['swollen leg', 'leg is swollen', 'swollen calf', 'calf is swollen', 'swelling in my leg', 'leg swelling', 'leg has been swollen', 'one leg is swollen', 'leg is puffy', 'swollen thigh'], 'Is one of your legs swollen?'),
  finding('calf_pain', '309533003', 'Calf pain', 'Pain or tenderness in the calf', ['calf pain', 'calf hurts', 'pain in my calf', 'sore calf', 'tender calf'], 'Do you have pain or tenderness in one calf?'),
  finding('immobility', '160685001', 'Recent immobility or surgery', 'Bed rest, a long journey or an operation in the past weeks', ['long flight', 'long haul flight', 'long drive', 'bed rest', 'recent surgery', 'had an operation', 'been in bed', 'plaster cast', 'immobile'], 'In the past four weeks, have you had an operation, a long journey or been confined to bed?', { antecedent: true, background: 0.04 }),
  // "Heavy bleeding" alone is a haemorrhage (severe_bleeding): it is heavy periods only said of a period.
  finding('heavy_periods', '386692008', 'Heavy periods', 'Heavy menstrual bleeding', ['heavy periods', 'heavy menstrual', 'flooding', 'heavy period', 'periods are heavy', 'heavy bleeding during my period', 'heavy bleeding with my period', 'heavy bleeding on my period', 'bleeding heavily during my period', 'bleeding heavily on my period', 'bleed heavily during my period'], 'Are your periods heavy?'),
  // SNOMED CT: the broader concept Bleeding; no verified concept id for severe or uncontrolled bleeding itself.
  finding('severe_bleeding', '131148009', 'Severe bleeding', 'Heavy bleeding, from a wound or elsewhere, that is not stopping', ['bleeding heavily', 'heavy bleeding', 'bleeding a lot', 'bleeding badly', 'bleeding profusely', 'losing a lot of blood', 'lost a lot of blood', 'losing lots of blood', 'blood everywhere', 'blood is pouring', 'blood pouring', 'pouring with blood', 'gushing blood', 'blood is gushing', 'spurting blood', 'blood is spurting', 'cannot stop the bleeding', 'bleeding will not stop', 'will not stop bleeding', 'bleeding does not stop', 'bleeding is not stopping', 'not stop bleeding', 'bleeding that will not stop', 'severe bleeding', 'haemorrhage', 'hemorrhage', 'haemorrhaging', 'hemorrhaging', 'bleeding out', 'soaked through with blood', 'soaked in blood'], 'Are you bleeding heavily, or is the bleeding not stopping?', {
    // Severe bleeding is a call for an ambulance whatever its cause (NHS: call 999 for severe bleeding that will not stop).
    redFlag: true,
    emergency: true,
    // Rare without a cause that bleeds: a cold does not explain it.
    background: 0.0001
  }),
  finding('leg_pain', '10601006', 'Leg pain', 'Pain in the leg', ['leg pain', 'leg hurts', 'legs hurt', 'painful leg', 'leg is painful', 'pain in my leg', 'sore leg', 'leg is sore', 'leg aches', 'aching leg', 'leg has been painful', 'leg has been hurting', 'thigh hurts', 'pain in my thigh'], 'Do you have pain in your leg?', { background: 0.015 }),
  finding('known_aaa', '233985008', 'Known aortic aneurysm', 'A widening of the main artery in the belly found before', ['aneurysm', 'aortic aneurysm', 'triple a', 'aaa'], 'Have you been told you have an aneurysm of the aorta, the main artery in the belly?', { antecedent: true, background: 0.01 })
]
