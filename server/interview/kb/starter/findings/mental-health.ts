import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** Mind. */
export const MENTAL_HEALTH: KbFinding[] = [
  finding('anxiety', '48694002', 'Anxiety', 'Feeling anxious or on edge', ['anxious', 'anxiety', 'panicky', 'nervous', 'on edge', 'panic', 'panic attack', 'worry all the time', 'constant worry', 'cannot stop worrying', 'worrying about everything', 'worried all the time', 'always worrying', 'overthinking'], 'Do you feel anxious or panicky?', { background: 0.018 }),
  finding('fear_of_dying', '162219000', 'Fear of dying', 'A sudden feeling that something terrible is happening', ['going to die', 'feel like i am dying', 'fear of dying', 'sense of doom', 'something terrible'], 'Did you have a sudden fear that you were dying or losing control?'),
  finding('trembling', '26079004', 'Trembling', 'Shaking hands or body', ['trembling', 'shaking', 'shaky', 'tremor', 'shakes'], 'Are you trembling or shaking?'),
  finding('hyperventilation', '386616007', 'Breathing too fast', 'Rapid, deep breathing with tingling fingers or lips', ['breathing fast', 'breathing too fast', 'hyperventilating', 'panting', 'cannot slow my breathing', 'breathing heavily', 'breathing deeply', 'breathing hard', 'big deep breaths', 'gasping breaths'], 'Were you breathing very fast, with tingling in your fingers or around your mouth?'),
  finding('suicidal_thoughts', '6471006', 'Thoughts of suicide or self-harm', 'Thinking about ending life or hurting oneself', ['want to die', 'kill myself', 'suicidal', 'end my life', 'end it all', 'better off dead', 'harm myself', 'self harm', 'hurt myself', 'do not want to live', 'no reason to live', 'take my own life'], 'Have you had thoughts of harming yourself or ending your life?', { redFlag: true, background: 0.01 }),
  finding('low_mood', '366979004', 'Low mood', 'Feeling down, hopeless or no pleasure in things for weeks', ['depressed', 'low mood', 'feeling down', 'feel down', 'feeling low', 'feel low', 'hopeless', 'no interest in anything', 'nothing makes me happy', 'feel empty', 'crying all the time', 'feel sad', 'feeling sad', 'depression', 'no motivation'], 'Have you been feeling down, low or hopeless, or lost interest in things you used to enjoy?'),
  finding('insomnia', '193462001', 'Poor sleep', 'Trouble getting to sleep or staying asleep', ['cannot sleep', 'insomnia', 'trouble sleeping', 'not sleeping', 'waking up early', 'poor sleep', 'lie awake', 'sleeping badly', 'cannot get to sleep'], 'Have you had trouble getting to sleep or staying asleep?')
]
