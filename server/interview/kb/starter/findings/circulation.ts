import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Circulation and blood. */
export const CIRCULATION: KbFinding[] = [
  finding('leg_swelling', '449614009', 'Swelling of one leg', 'One calf or leg swollen', ['swollen leg', 'leg is swollen', 'swollen calf', 'calf is swollen', 'swelling in my leg', 'leg swelling', 'swollen ankle'], 'Is one of your legs swollen?'),
  finding('calf_pain', '309533003', 'Calf pain', 'Pain or tenderness in the calf', ['calf pain', 'calf hurts', 'pain in my calf', 'sore calf', 'tender calf'], 'Do you have pain or tenderness in one calf?'),
  finding('immobility', '160685001', 'Recent immobility or surgery', 'Bed rest, a long journey or an operation in the past weeks', ['long flight', 'long haul flight', 'long drive', 'bed rest', 'recent surgery', 'had an operation', 'been in bed', 'plaster cast', 'immobile'], 'In the past four weeks, have you had an operation, a long journey or been confined to bed?', { antecedent: true, background: 0.04 }),
  finding('heavy_periods', '386692008', 'Heavy periods', 'Heavy menstrual bleeding', ['heavy periods', 'heavy bleeding', 'heavy menstrual', 'flooding', 'heavy period'], 'Are your periods heavy?')
]
