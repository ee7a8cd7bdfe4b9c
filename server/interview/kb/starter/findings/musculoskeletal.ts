import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Back and joints. */
export const MUSCULOSKELETAL: KbFinding[] = [
  finding('back_pain', '161891005', 'Back pain', 'Pain in the back', ['back pain', 'back hurts', 'bad back', 'backache', 'back ache', 'pain in my back', 'sore back', 'lower back', 'threw my back out', 'pulled my back'], 'Do you have back pain?', { background: 0.0275 }),
  finding('sciatic_pain', '23056005', 'Pain down the leg', 'Pain travelling from the buttock down the back of the leg', ['down my leg', 'shooting pain down my leg', 'pain in my buttock', 'down the back of my leg', 'sciatica', 'leg pain from my back'], 'Does the pain shoot from your back or buttock down your leg?'),
  finding('back_pain_movement', '279040009', 'Back pain worse with movement', 'Pain worse when bending, lifting or twisting', ['worse when i bend', 'hurts to bend', 'after lifting', 'lifted something', 'worse when i twist', 'hurts when i move'], 'Is the back pain worse when you bend, lift or twist?', { parent: 'back_pain' }),
  finding('incontinence', '48340000', 'Loss of bladder or bowel control', 'Accidents with urine or stool, or numbness between the legs', ['wet myself', 'cannot control my bladder', 'lost control of my bowels', 'incontinence', 'numb between my legs', 'saddle numbness', 'cannot control my bowels'], 'Have you lost control of your bladder or bowels, or gone numb between your legs?', { redFlag: true, background: 0.002 }),
  finding('leg_weakness', '249951003', 'Leg weakness', 'Weakness in one or both legs', ['legs are weak', 'leg weakness', 'foot drop', 'legs give way'], 'Are either of your legs weak?'),
  finding('joint_pain', '57676002', 'Joint pain', 'Painful joints', ['joint pain', 'joints hurt', 'aching joints', 'sore joints', 'knees hurt', 'painful joints'], 'Do your joints hurt?')
]
