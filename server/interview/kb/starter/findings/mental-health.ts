import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Mind. */
export const MENTAL_HEALTH: KbFinding[] = [
  finding('anxiety', '48694002', 'Anxiety', 'Feeling anxious or on edge', ['anxious', 'anxiety', 'panicky', 'nervous', 'on edge', 'panic', 'panic attack'], 'Do you feel anxious or panicky?', { background: 0.015 }),
  finding('fear_of_dying', '162219000', 'Fear of dying', 'A sudden feeling that something terrible is happening', ['going to die', 'feel like i am dying', 'fear of dying', 'sense of doom', 'something terrible'], 'Did you have a sudden fear that you were dying or losing control?'),
  finding('trembling', '26079004', 'Trembling', 'Shaking hands or body', ['trembling', 'shaking', 'shaky', 'tremor', 'shakes'], 'Are you trembling or shaking?'),
  finding('hyperventilation', '386616007', 'Breathing too fast', 'Rapid, deep breathing with tingling fingers or lips', ['breathing fast', 'breathing too fast', 'hyperventilating', 'panting', 'cannot slow my breathing'], 'Were you breathing very fast, with tingling in your fingers or around your mouth?'),
  finding('suicidal_thoughts', '6471006', 'Thoughts of suicide or self-harm', 'Thinking about ending life or hurting oneself', ['want to die', 'kill myself', 'suicidal', 'end my life', 'end it all', 'better off dead', 'harm myself', 'self harm', 'hurt myself', 'do not want to live', 'no reason to live', 'take my own life'], 'Have you had thoughts of harming yourself or ending your life?', { redFlag: true, background: 0.01 })
]
