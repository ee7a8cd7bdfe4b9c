import t from 'tap'
import { compileKnowledgeBase } from '../server/interview/kb/compile.js'
import { STARTER_KB } from '../server/interview/kb/starter.js'
import { readAnswer, readDurationDays, readMentions, readOptions, readScale, readTemperature } from '../server/interview/reading.js'
import { phraseTokens, stem, tokenize } from '../server/interview/text.js'

const kb = compileKnowledgeBase(STARTER_KB)

function read (text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const mention of readMentions(text, kb.lexicon)) out[(kb.findings[mention.finding] as { key: string }).key] = mention.status
  return out
}

/** Lay phrasing → the findings it names and their status. Exactly these, nothing more. */
const PHRASES: Array<[string, Record<string, string>]> = [
  // Plain complaints
  ['I have a headache and feel nauseous', { headache: 'present', nausea: 'present' }],
  ['my head hurts', { headache: 'present' }],
  // A refusal read as an inability, and a clause after it not negated: septic arthritis in a child.
  ['My daughter has a temperature and will not put weight on her leg, her hip hurts', { fever: 'present', limp: 'present', joint_pain: 'present' }],
  ["she won't walk on it", { limp: 'present' }],
  // A scratch is a wound, not an itch; scratching all the time is an itch.
  ['a scratch on my arm has gone red, hot and puffy', { skin_wound: 'present', skin_redness: 'present', skin_swelling: 'present' }],
  ['I keep scratching', { pruritus: 'present' }],
  ['My heart keeps racing and thumping all over the place', { palpitations: 'present' }],
  ['a sharp pain in the middle of my chest when I breathe', { pleuritic_pain: 'present' }],
  ['I have a new headache at my temple and it hurts to chew', { headache: 'present', jaw_claudication: 'present' }],
  ['my temples are tender', { scalp_tenderness: 'present' }],
  // Danger signs in other words: faintness with bleeding, speech cut short by breath, spots before the eyes.
  ['there is a lot of blood coming from my back passage and I feel like I might pass out', { blood_in_stool: 'present', dizziness: 'present' }],
  ['my asthma is terrible and I can hardly get my words out', { asthma_history: 'present', cannot_speak_sentences: 'present' }],
  ["I'm 32 weeks pregnant and I keep seeing spots in front of my eyes", { pregnant: 'present', blurred_vision: 'present' }],
  // Heavy bleeding is a haemorrhage, and heavy periods only when said of a period.
  ['I cut my leg and it is bleeding heavily and will not stop', { skin_wound: 'present', severe_bleeding: 'present' }],
  ['I am losing a lot of blood', { severe_bleeding: 'present' }],
  ['there is blood everywhere, I cannot stop the bleeding', { severe_bleeding: 'present' }],
  ['heavy bleeding', { severe_bleeding: 'present' }],
  ['I have heavy bleeding during my period', { heavy_periods: 'present' }],
  ['he is refusing to walk', { limp: 'present' }],
  ["I can't stop shivering and I've hardly passed any water today", { chills: 'present', reduced_urine: 'present' }],
  ['he makes a squeaky noise when he breathes in', { stridor: 'present' }],
  ['now her hands and feet are red and swollen', { oedema: 'present' }],
  // An ankle that hurts to walk on is no belly pain made worse by moving.
  ['I twisted my ankle and it hurts to walk', { limb_injury: 'present', joint_pain: 'present' }],
  ['my tummy hurts when I walk', { pain_worse_moving: 'present' }],
  // Ketoacidosis, a dissection and meningitis in everyday words.
  ["I'm type one diabetic and really thirsty and breathing heavily", { diabetes: 'present', excessive_thirst: 'present', hyperventilation: 'present' }],
  ['a tearing pain ripped through my chest into my back', { chest_pain: 'present', back_pain: 'present' }],
  ["I can't look at the light and my neck is really stiff", { photophobia: 'present', neck_stiffness: 'present' }],
  ['I am not thirsty', { excessive_thirst: 'absent' }],
  // Severity in lay words, and a hot joint: gout.
  ['the joint at the base of my big toe is hot and I cannot bear the bedsheet on it', { joint_pain: 'present', severe_pain: 'present' }],
  ['my knee is hot and swollen', { skin_redness: 'present', joint_swelling: 'present' }],
  ['My head really hurts', { headache: 'present' }],
  ['my head is killing me', { headache: 'present' }],
  ['pounding head', { headache: 'present' }],
  ['I have a migraine', { headache: 'present' }],
  ['tummy hurts', { abdominal_pain: 'present' }],
  ['my tummy really hurts', { abdominal_pain: 'present' }],
  ['I have a stomach ache', { abdominal_pain: 'present' }],
  ['pain in my belly', { abdominal_pain: 'present' }],
  ['I have stomach cramps', { abdominal_pain: 'present' }],
  ['I keep throwing up', { vomiting: 'present' }],
  ['I threw up twice', { vomiting: 'present' }],
  ['I have been puking all night', { vomiting: 'present' }],
  ["I can't breathe", { dyspnea: 'present' }],
  ['I cant breathe properly', { dyspnea: 'present' }],
  ['I am short of breath', { dyspnea: 'present' }],
  ['struggling to breathe', { dyspnea: 'present' }],
  ['I feel sick', { nausea: 'present' }],
  ['feeling queasy', { nausea: 'present' }],
  ['I have the runs', { diarrhea: 'present' }],
  ['diarrhoea since yesterday', { diarrhea: 'present' }],
  ['I have a sore throat', { sore_throat: 'present' }],
  ['my throat is very sore', { sore_throat: 'present' }],
  ['it hurts to swallow', { sore_throat: 'present' }],
  ['runny nose and sneezing', { runny_nose: 'present', sneezing: 'present' }],
  ['my nose is blocked', { nasal_congestion: 'present' }],
  ['stuffy nose', { nasal_congestion: 'present' }],
  ['I have a temperature', { fever: 'present' }],
  ['running a temperature', { fever: 'present' }],
  ['I feel feverish', { fever: 'present' }],
  ['I am burning up', { fever: 'present' }],
  ['I am shivering', { chills: 'present' }],
  ['I feel exhausted', { fatigue: 'present' }],
  ['so tired all the time', { fatigue: 'present' }],
  ['I have no energy', { fatigue: 'present' }],
  ['my whole body aches', { myalgia: 'present' }],
  ['I am achy', { myalgia: 'present' }],
  ['I have a cough', { cough: 'present' }],
  ['coughing a lot', { cough: 'present' }],
  ['I am coughing up phlegm', { productive_cough: 'present' }],
  ['dry tickly cough', { dry_cough: 'present' }],
  ['coughing up blood', { hemoptysis: 'present' }],
  ['I am wheezing', { wheezing: 'present' }],
  ['my chest is tight', { chest_tightness: 'present' }],
  ['chest pain', { chest_pain: 'present' }],
  ['pain in my chest', { chest_pain: 'present' }],
  ['crushing chest pain', { chest_pain: 'present' }],
  ['pressure in my chest', { chest_pain: 'present' }],
  ['my heart is racing', { palpitations: 'present' }],
  ['heart pounding', { palpitations: 'present' }],
  ['I feel dizzy', { dizziness: 'present' }],
  ['I feel light headed', { dizziness: 'present' }],
  ['the room is spinning', { vertigo: 'present' }],
  ['I fainted', { syncope: 'present' }],
  ['I passed out this morning', { syncope: 'present' }],
  ['it burns when I pee', { dysuria: 'present' }],
  ['it stings when I pee', { dysuria: 'present' }],
  ['I need to pee all the time', { frequency: 'present' }],
  ['blood in my pee', { hematuria: 'present' }],
  ['pain in my side', { flank_pain: 'present' }],
  ['my back hurts', { back_pain: 'present' }],
  ['bad back', { back_pain: 'present' }],
  ['I threw my back out', { back_pain: 'present' }],
  ['shooting pain down my leg', { sciatic_pain: 'present' }],
  ['earache', { ear_pain: 'present' }],
  ['my ear hurts', { ear_pain: 'present' }],
  ['fluid from my ear', { ear_discharge: 'present' }],
  ['muffled hearing', { hearing_loss: 'present' }],
  ['red eyes', { red_eye: 'present' }],
  ['my eye is red', { red_eye: 'present' }],
  ['itchy eyes', { itchy_eyes: 'present' }],
  ['watery eyes', { watery_eyes: 'present' }],
  ['I have a rash', { rash: 'present' }],
  ['itchy skin', { pruritus: 'present' }],
  ['I have hives', { wheals: 'present' }],
  ['my lips are swelling', { angioedema: 'present' }],
  ['swollen tongue', { angioedema: 'present' }],
  ['my throat feels tight', { throat_tightness: 'present' }],
  ['stiff neck', { neck_stiffness: 'present' }],
  ['light hurts my eyes', { photophobia: 'present' }],
  ['I am confused', { confusion: 'present' }],
  ['my face is drooping', { facial_droop: 'present' }],
  ['slurred speech', { slurred_speech: 'present' }],
  ['my arm is weak', { hemiparesis: 'present' }],
  ['pins and needles', { tingling: 'present' }],
  ['numbness', { numbness: 'present' }],
  ['heartburn', { heartburn: 'present' }],
  ['acid reflux', { heartburn: 'present' }],
  ['I feel bloated', { bloating: 'present' }],
  ['I am constipated', { constipation_finding: 'present' }],
  ['blood in my stool', { blood_in_stool: 'present' }],
  ['black stools', { melena: 'present' }],
  ['yellow eyes', { jaundice: 'present' }],
  ['dark urine', { dark_urine: 'present' }],
  ['no appetite', { appetite_loss: 'present' }],
  ['I have lost weight', { weight_loss: 'present' }],
  ['I feel anxious', { anxiety: 'present' }],
  ['I am shaking', { trembling: 'present' }],
  ['I cannot smell anything', { anosmia: 'present' }],
  ['I lost my sense of taste', { ageusia: 'present' }],
  ['swollen glands', { lymph_nodes: 'present' }],
  ['my calf is swollen', { leg_swelling: 'present' }],
  ['sweating a lot', { sweating: 'present' }],
  ['cold sweat', { sweating: 'present' }],
  ['hoarse voice', { hoarseness: 'present' }],
  ['I am pregnant', { pregnant: 'present' }],
  ['my period is late', { missed_period: 'present' }],
  ['I smoke', { smoker: 'present' }],
  ['I have asthma', { asthma_history: 'present' }],
  ['I have diabetes', { diabetes: 'present' }],
  ['high blood pressure', { hypertension: 'present' }],
  // Several at once
  ['fever, cough and a sore throat', { fever: 'present', cough: 'present', sore_throat: 'present' }],
  ['I have chest pain and I am short of breath', { chest_pain: 'present', dyspnea: 'present' }],
  ['headache, stiff neck and light hurts my eyes', { headache: 'present', neck_stiffness: 'present', photophobia: 'present' }],
  ['I have been vomiting and have diarrhoea', { vomiting: 'present', diarrhea: 'present' }],
  ['my ear hurts and I have a temperature', { ear_pain: 'present', fever: 'present' }],
  ['sneezing, itchy eyes and a runny nose', { sneezing: 'present', itchy_eyes: 'present', runny_nose: 'present' }],
  // Negation
  ['no fever', { fever: 'absent' }],
  ['I have no fever', { fever: 'absent' }],
  ["I don't have a cough", { cough: 'absent' }],
  ['I dont have a cough', { cough: 'absent' }],
  ['I do not have a headache', { headache: 'absent' }],
  ['denies chest pain', { chest_pain: 'absent' }],
  ['I have not vomited', { vomiting: 'absent' }],
  ["I haven't been sick", { vomiting: 'absent' }],
  ['never had asthma', { asthma_history: 'absent' }],
  ['without a fever', { fever: 'absent' }],
  ['no fever, cough or sore throat', { fever: 'absent', cough: 'absent', sore_throat: 'absent' }],
  ['neither a cough nor a fever', { cough: 'absent', fever: 'absent' }],
  ['I have a headache but no fever', { headache: 'present', fever: 'absent' }],
  ['no fever but a bad cough', { fever: 'absent', cough: 'present' }],
  ["I don't have a fever and I have a headache", { fever: 'absent', headache: 'present' }],
  ['no fever and my head hurts', { fever: 'absent', headache: 'present' }],
  ["I don't think I have a fever", { fever: 'absent' }],
  ['I do not smoke', { smoker: 'absent' }],
  ['free of chest pain', { chest_pain: 'absent' }],
  ['no longer coughing', { cough: 'absent' }],
  ['I have a sore throat. No cough.', { sore_throat: 'present', cough: 'absent' }],
  // Uncertainty
  ['maybe a fever', { fever: 'unsure' }],
  ['I might have a temperature', { fever: 'unsure' }],
  ["I'm not sure if I have a fever", { fever: 'unsure' }],
  ['not sure about a rash', { rash: 'unsure' }],
  ['possibly some wheezing', { wheezing: 'unsure' }],
  ["I don't know if my neck is stiff", { neck_stiffness: 'unsure' }],
  ['perhaps a little dizzy', { dizziness: 'unsure' }],
  ['headache and maybe a fever', { headache: 'present', fever: 'unsure' }],
  // Nothing to read
  ['hello', {}],
  ['good morning doctor', {}],
  ['I am fit and healthy', {}],
  ['my nose runs in the family', {}],
  ['thanks', {}],
  ['purple monkey dishwasher', {}],
  ['I feel fine otherwise', {}],
  // Hostile strings read as nothing, and break nothing
  ['constructor __proto__ toString hasOwnProperty', {}],
  ['constructor days of __proto__ weeks', {}],
  ['\u0000\u202e<script>alert(1)</script>', {}]
]

t.test(`${PHRASES.length} lay phrases are read into the right findings and statuses`, async (t) => {
  t.ok(PHRASES.length >= 150)
  for (const [phrase, expected] of PHRASES) t.same(read(phrase), expected, phrase)
})

t.test('answers to a yes/no question', async (t) => {
  const cases: Array<[string, string | undefined]> = [
    ['yes', 'present'], ['Yes.', 'present'], ['yeah', 'present'], ['yep', 'present'], ['Y', 'present'], ['a little', 'present'],
    ['a bit', 'present'], ['sometimes', 'present'], ['I do', 'present'], ['I do.', 'present'], ['yes I have', 'present'], ['definitely', 'present'],
    ['well, yes', 'present'], ['it is', 'present'], ['very much so', 'present'], ['kind of', 'present'], ['I think so', 'present'],
    ['no', 'absent'], ['No.', 'absent'], ['nope', 'absent'], ['nah', 'absent'], ['not really', 'absent'], ['not at all', 'absent'],
    ["I don't", 'absent'], ['I do not.', 'absent'], ['never', 'absent'], ["I don't think so", 'absent'], ["it doesn't", 'absent'],
    ['not sure', 'unsure'], ["I'm not sure", 'unsure'], ["don't know", 'unsure'], ['maybe', 'unsure'], ['no idea', 'unsure'],
    ['hard to say', 'unsure'], ['dunno', 'unsure'], ['um, perhaps', 'unsure'],
    ['I have a cough', undefined], ['purple', undefined], ['', undefined], ['what do you mean?', undefined], ['my dog is called Yes', undefined]
  ]
  for (const [answer, expected] of cases) t.equal(readAnswer(answer), expected, JSON.stringify(answer))
})

t.test('numbers for a scale, durations and option names', async (t) => {
  t.equal(readScale('8'), 8)
  t.equal(readScale('about a 7 I guess'), 7)
  t.equal(readScale('seven'), 7)
  t.equal(readScale('zero'), 0)
  t.equal(readScale('it is 12 out of 10'), undefined, 'off the scale is not a scale answer')
  t.equal(readScale('quite bad'), 6, 'a scale word')
  t.equal(readScale('a few'), undefined)

  t.equal(readDurationDays('3 days'), 3)
  t.equal(readDurationDays('two weeks'), 14)
  t.equal(readDurationDays('a couple of days'), 2)
  t.ok(Math.abs((readDurationDays('for 6 hours') as number) - 0.25) < 1e-9)
  t.equal(readDurationDays('a month'), 30)
  t.equal(readDurationDays('since yesterday'), 1)
  t.equal(readDurationDays('this morning'), 0.3)
  t.equal(readDurationDays('for ages'), 60)
  t.equal(readDurationDays('3 apples'), undefined)
  t.equal(readDurationDays('no idea'), undefined)
  t.equal(readDurationDays('constructor days'), undefined)
  t.equal(readScale('constructor'), undefined)

  const options = [['less than 2 days'], ['2 to 10 days'], ['more than 10 days', 'weeks']].map((phrases) => phrases.map(phraseTokens))
  t.equal(readOptions('more than 10 days', options)[0], 2)
  t.equal(readOptions('less than 2 days I think', options)[0], 0)
  t.equal(readOptions('for weeks now', options)[0], 2)
  t.equal(readOptions('dunno', options)[0], undefined)
})

t.test('text is normalised the same way for the lexicon and the patient', async (t) => {
  t.same(tokenize("I can't breathe; it's bad"), ['i', 'cannot', 'breathe', '|', 'it', 'is', 'bad'])
  t.same(tokenize('Coughing, COUGHED, coughs'), ['cough', 'cough', 'cough'])
  t.same(tokenize("I'm sure they've won't we'll you're I'd"), ['i', 'am', 'sure', 'they', 'have', 'cannot', 'we', 'will', 'you', 'are', 'i', 'would'], 'a refusal is an inability')
  t.same(tokenize("the doctor's ain't"), ['the', 'doctor', 'is', 'not'])
  t.equal(stem('flies'), 'fly')
  t.equal(stem('nauseous'), 'nauseous')
  t.equal(stem('dizziness'), 'dizziness')
  t.same(phraseTokens('a. b'), ['a', 'b'])
})

t.test('a longer phrase wins over a shorter one it overlaps', async (t) => {
  t.same(read("my inhaler isn't helping"), { inhaler_not_helping: 'present' }, 'not "my inhaler" (known asthma) and leftovers')
  t.same(read('I use my inhaler'), { asthma_history: 'present' })
  t.same(read("I couldn't breathe"), { dyspnea: 'present' }, 'could not is cannot')
  t.same(read('I was unable to breathe'), { dyspnea: 'present' })
})

t.test('numbers are read for what they are: ages, durations, temperatures or scores', async (t) => {
  // Ages are not durations.
  t.equal(readDurationDays('My 6-year-old has a cough'), undefined)
  t.equal(readDurationDays('an 18-month-old with a fever'), undefined)
  t.equal(readDurationDays('I am 45 years old'), undefined)
  t.equal(readDurationDays('aged 3 years'), undefined)
  t.equal(readDurationDays('she is 7 years of age'), undefined)
  t.equal(readDurationDays('I am 34 weeks pregnant'), undefined, 'weeks of pregnancy are not how long it has lasted')
  t.equal(readDurationDays('my 6 year old has had a cough for 2 weeks'), 14, 'the age is skipped, the duration read')
  // Durations with articles and counts that belong to the unit.
  t.equal(readDurationDays('I have had a fever for three days'), 3, '"a fever" is not one day')
  t.equal(readDurationDays('2 or 3 days'), 3)
  t.equal(readDurationDays('for a week'), 7)
  t.equal(readDurationDays('a fortnight'), 14)
  t.ok(Math.abs((readDurationDays('half an hour') as number) - 1 / 48) < 1e-9)
  t.equal(readDurationDays('I take it three times a day'), undefined, 'a rate is not a duration')
  t.equal(readDurationDays('twice a week'), undefined)
  t.equal(readDurationDays('more than 10 days'), 15, 'beyond the count')
  t.equal(readDurationDays('less than 2 days'), 1.5, 'short of the count')
  t.equal(readDurationDays('for weeks'), 21)
  // Relative dates: a count wins over "today".
  t.equal(readDurationDays('since 3 days ago and it got worse today'), 3)
  t.equal(readDurationDays('it started 2 weeks ago'), 14)
  t.equal(readDurationDays('it got worse today'), 0.3)
  // Scale answers in words.
  t.equal(readScale('mild'), 2)
  t.equal(readScale('not too bad'), 3, 'the longer phrase wins over "bad"')
  t.equal(readScale('moderate'), 5)
  t.equal(readScale('really bad'), 8)
  t.equal(readScale('unbearable, the worst ever'), 10)
  t.equal(readScale('8/10'), 8)
  t.equal(readScale('for 3 days'), undefined, 'a count of days is not a score')
  t.equal(readScale('it is 12 out of 10, terrible'), undefined, 'a number off the scale is not replaced by a word')
  t.equal(readScale('purple'), undefined)
  // Temperatures.
  t.equal(readTemperature('my temperature is 38.5'), 38.5)
  t.equal(readTemperature('39 degrees'), 39)
  t.equal(readTemperature('it was 37,8 on the thermometer'), 37.8)
  t.equal(readTemperature('101 F'), 38.3)
  t.equal(readTemperature('a fever of 102'), 38.9, 'Fahrenheit by its range')
  t.equal(readTemperature('I am 39 and have a cough'), undefined, 'no temperature without a word for one')
  t.equal(readTemperature('temperature of 55'), undefined, 'not a body temperature')
  t.equal(readTemperature('a fever for 3 days'), undefined)
})

t.test('a complaint about a body part, read apart and in any order', async (t) => {
  t.same(read('My right leg has been painful and swollen for 5 days'), { leg_pain: 'present', leg_swelling: 'present' })
  t.same(read('my leg is swollen and painful'), { leg_swelling: 'present', leg_pain: 'present' }, 'a part in a phrase takes another kind')
  t.same(read('my leg is not painful'), { leg_pain: 'absent' })
  t.same(read('no pain in my leg'), { leg_pain: 'absent' })
  t.same(read('my eye went red'), { red_eye: 'present' })
  t.same(read('My head exploded with pain'), { headache: 'present' })
  t.same(read('pain in my stomach and my leg is swollen'), { abdominal_pain: 'present', leg_swelling: 'present' }, 'a kind word in a phrase does not pair again')
  t.same(read('my leg hurts. My arm is fine'), { leg_pain: 'present' }, 'not across a clause')
  t.same(read('it hurts'), {}, 'no part, no finding')
  t.same(read('my leg. It hurts'), {}, 'a part in another clause')
})
