import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Circulation and blood. */
export const CIRCULATION: KbFinding[] = [
  finding('leg_swelling', '449614009', 'Swelling of one leg', 'One calf or leg swollen', ['swollen leg', 'leg is swollen', 'swollen calf', 'calf is swollen', 'swelling in my leg', 'leg swelling', 'leg has been swollen', 'one leg is swollen', 'leg is puffy', 'swollen thigh'], 'Is one of your legs swollen?'),
  finding('calf_pain', '309533003', 'Calf pain', 'Pain or tenderness in the calf', ['calf pain', 'calf hurts', 'pain in my calf', 'sore calf', 'tender calf'], 'Do you have pain or tenderness in one calf?'),
  finding('immobility', '160685001', 'Recent immobility or surgery', 'Bed rest, a long journey or an operation in the past weeks', ['long flight', 'long haul flight', 'long drive', 'bed rest', 'recent surgery', 'had an operation', 'been in bed', 'plaster cast', 'immobile'], 'In the past four weeks, have you had an operation, a long journey or been confined to bed?', { antecedent: true, background: 0.04 }),
  finding('heavy_periods', '386692008', 'Heavy periods', 'Heavy menstrual bleeding', ['heavy periods', 'heavy bleeding', 'heavy menstrual', 'flooding', 'heavy period'], 'Are your periods heavy?'),
  finding('leg_pain', '10601006', 'Leg pain', 'Pain in the leg', ['leg pain', 'leg hurts', 'legs hurt', 'painful leg', 'leg is painful', 'pain in my leg', 'sore leg', 'leg is sore', 'leg aches', 'aching leg', 'leg has been painful', 'leg has been hurting', 'thigh hurts', 'pain in my thigh'], 'Do you have pain in your leg?', { background: 0.015 }),
  finding('known_aaa', '233985008', 'Known aortic aneurysm', 'A widening of the main artery in the belly found before', ['aneurysm', 'aortic aneurysm', 'triple a', 'aaa'], 'Have you been told you have an aneurysm of the aorta, the main artery in the belly?', { antecedent: true, background: 0.01 })
]
