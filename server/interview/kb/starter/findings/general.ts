import type { KbFinding } from '../../model.js'
import { finding } from '../define.js'

/** General. */
export const GENERAL: KbFinding[] = [
  finding('fever', '386661006', 'Fever', 'A raised body temperature', ['fever', 'feverish', 'temperature', 'high temperature', 'running a temperature', 'burning up', 'pyrexia', 'temp', 'hot and cold', 'feel hot'], 'Do you have a fever or a raised temperature?', { friendly: 'Have you had a fever, or felt hot and shivery?' }),
  finding('chills', '43724002', 'Chills', 'Feeling cold and shivering', ['chills', 'shivering', 'shivers', 'rigors', 'shaking chills', 'cold sweats and shaking'], 'Have you had chills or shivering?'),
  finding('fatigue', '84229001', 'Fatigue', 'Tiredness and lack of energy', ['tired', 'tiredness', 'fatigue', 'exhausted', 'no energy', 'worn out', 'lethargic', 'wiped out', 'run down', 'weary'], 'Have you been feeling unusually tired or drained of energy?', { background: 0.1 }),
  finding('myalgia', '68962001', 'Muscle pain', 'Aching muscles', ['muscle pain', 'muscle ache', 'body ache', 'aching all over', 'achy', 'aches and pains', 'sore muscles', 'body hurts', 'myalgia', 'aching muscles'], 'Do your muscles ache, as if your whole body is sore?'),
  finding('sudden_onset', '385315009', 'Sudden onset of symptoms', 'Symptoms that came on within hours', ['came on suddenly', 'started suddenly', 'came on all of a sudden', 'hit me suddenly', 'out of nowhere', 'within hours'], 'Did your symptoms come on suddenly, within a few hours?'),
  finding('duration', '162442009', 'Duration of symptoms', 'How long the symptoms have lasted', [], 'How long have you had these symptoms?', {
    friendly: 'How long has this been going on?',
    options: [
      { label: 'less than 2 days', synonyms: ['today', 'yesterday', 'since this morning', 'a day', 'one day', 'few hours', 'hours'], present: ['onset_recent'], maxDays: 2 },
      { label: '2 to 10 days', synonyms: ['few days', 'several days', 'about a week', 'a week'], present: [], maxDays: 10 },
      { label: 'more than 10 days', synonyms: ['weeks', 'a month', 'months', 'ages', 'long time', 'more than a week', 'over a week'], present: ['duration_long'] }
    ]
  }),
  finding('onset_recent', '424124008', 'Symptoms for less than 2 days', 'Began within the last 48 hours', [], 'Did this start within the last two days?'),
  finding('duration_long', '255238004', 'Symptoms for more than 10 days', 'Lasting more than 10 days', [], 'Have you had this for more than ten days?'),
  finding('severe_pain', '76948002', 'Severe pain', 'Pain of 7 or more out of 10', ['severe pain', 'excruciating', 'agony', 'unbearable pain', 'worst pain', 'terrible pain', 'in agony'], 'How bad is the pain, from 0 (none) to 10 (the worst imaginable)?', { scaleAtLeast: 7 }),
  finding('sweating', '415690000', 'Sweating', 'Sweating more than usual', ['sweating', 'sweaty', 'sweats', 'cold sweat', 'clammy', 'drenched in sweat', 'perspiring'], 'Are you sweating, or feeling cold and clammy?'),
  finding('night_sweats', '42984000', 'Night sweats', 'Drenching sweats at night', ['night sweats', 'sweating at night', 'waking up soaked'], 'Have you had drenching sweats at night?'),
  finding('appetite_loss', '79890006', 'Loss of appetite', 'Not wanting to eat', ['no appetite', 'loss of appetite', 'not hungry', 'cannot eat', 'off my food', 'lost my appetite', 'do not feel like eating'], 'Have you lost your appetite?'),
  finding('weight_loss', '89362005', 'Weight loss', 'Losing weight without trying', ['weight loss', 'losing weight', 'lost weight', 'clothes are loose'], 'Have you lost weight without trying?'),
  finding('pallor', '398979000', 'Pale skin', 'Paler skin than usual', ['pale', 'pale skin', 'look pale', 'white as a sheet', 'pallor', 'washed out'], 'Has anyone said you look paler than usual?'),
  finding('lymph_nodes', '30746006', 'Swollen lymph nodes', 'Swollen glands in the neck', ['swollen glands', 'swollen lymph nodes', 'lumps in my neck', 'glands are up', 'swollen neck glands', 'lymph nodes'], 'Are the glands in your neck swollen or tender?'),
  finding('sick_contact', '150781000119103', 'Contact with a sick person', 'Someone close has had similar symptoms', ['someone at home is sick', 'family is sick', 'kids are sick', 'caught it from', 'going around', 'colleague was sick', 'partner has it too'], 'Has anyone around you had similar symptoms recently?', { antecedent: true, background: 0.1 })
]
