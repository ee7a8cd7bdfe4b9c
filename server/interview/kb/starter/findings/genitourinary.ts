import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Urinary. */
export const GENITOURINARY: KbFinding[] = [
  finding('dysuria', '49650001', 'Pain on urinating', 'Burning or stinging when passing urine', ['burning when i pee', 'burns when i pee', 'painful urination', 'hurts to pee', 'stings when i pee', 'burning urine', 'pain when urinating', 'burning when urinating', 'stinging when urinating', 'it burns when i wee', 'dysuria'], 'Does it burn or sting when you pass urine?'),
  finding('frequency', '162116003', 'Passing urine often', 'Needing to pass urine more often than usual', ['peeing a lot', 'going to the toilet a lot', 'urinating frequently', 'frequent urination', 'need to pee all the time', 'weeing a lot', 'pee often', 'keep needing to pee'], 'Are you passing urine more often than usual?'),
  finding('urgency', '75088002', 'Urgent need to urinate', 'A sudden strong need to pass urine', ['urgent need to pee', 'cannot hold it', 'urgency', 'desperate to pee', 'sudden urge to pee', 'rush to the toilet'], 'Do you get a sudden, urgent need to pass urine?'),
  finding('hematuria', '34436003', 'Blood in urine', 'Red or pink urine', ['blood in my urine', 'blood in my pee', 'pink urine', 'red urine', 'bloody urine', 'pee is red'], 'Have you seen blood in your urine?'),
  finding('cloudy_urine', '167238004', 'Cloudy or smelly urine', 'Urine that is cloudy or smells strong', ['cloudy urine', 'smelly urine', 'pee smells', 'urine smells', 'cloudy pee', 'foul smelling urine'], 'Is your urine cloudy or unusually smelly?'),
  finding('flank_pain', '247355005', 'Flank pain', 'Pain in the side of the back, below the ribs', ['flank pain', 'pain in my side', 'pain in my flank', 'side of my back', 'kidney pain', 'pain in my kidney', 'loin pain', 'side hurts'], 'Do you have pain in your side, between the ribs and the hip, or over a kidney?'),
  finding('groin_radiation', '102585009', 'Pain spreading to the groin', 'Side pain that travels down towards the groin', ['down to my groin', 'into my groin', 'spreads to my groin', 'goes to my groin', 'towards my groin'], 'Does the pain spread down towards your groin?', { parent: 'flank_pain' })
]
