import type { FindingStatus } from 'fastify-medical-chats/schemas'
import { CLAUSE_BREAK, phraseTokens, startsWithAt, tokenize } from './text.js'

/**
 * Reading what the patient wrote: findings named in free text (with negation and
 * uncertainty), and answers to the last question (yes/no/not sure, a number on a scale,
 * a choice or a duration). Nothing that cannot be read is guessed.
 */

/** Words that end the reach of a negation or an uncertainty, like punctuation does. */
const BREAK_WORDS = new Set(['but', 'however', 'although', 'though', 'except', 'yet', 'whereas', 'while', 'apart', 'besides'].map((word) => phraseTokens(word)[0]))
/** A new subject after "and" starts a new statement: "no fever and my head hurts". */
const SUBJECT_WORDS = new Set(['i', 'my', 'it', 'there'])
const CLAUSE_JOINERS = new Set(['and', 'then', 'so'])
const SCOPE = 6
/** Words a phrase may skip between its own words: "head really hurts" for "head hurts". */
const MAX_GAP = 2
const GAP_WORDS = new Set([
  'really', 'very', 'so', 'quite', 'badly', 'terribly', 'constantly', 'always', 'a', 'an', 'the', 'my', 'this', 'that', 'bit',
  'little', 'lot', 'totally', 'completely', 'kind', 'sort', 'of', 'just', 'also', 'too', 'still', 'extremely', 'super', 'is', 'are',
  'been', 'pretty', 'awfully', 'both', 'left', 'right', 'bad', 'bloody', 'damn', 'keeps', 'keep', 'coming'
].map((word) => phraseTokens(word)[0]))

const UNCERTAINTY_CUES = [
  'not sure', 'not certain', 'unsure', 'uncertain', 'do not know', 'no idea', 'cannot tell', 'hard to say', 'maybe', 'perhaps',
  'possibly', 'might', 'may be', 'may have', 'could be', 'not too sure', 'unclear'
].map(phraseTokens)

const NEGATION_CUES = [
  'do not think i', 'not think i', 'no', 'not', 'never', 'without', 'deny', 'denies', 'denied', 'none', 'nor', 'neither', 'free of',
  'absence of', 'negative for', 'no longer', 'not any', 'nothing like'
].map(phraseTokens)

export interface LexiconEntry {
  finding: number
  tokens: string[]
}

/**
 * What people say is wrong with a part of the body, by kind: "my leg is painful", "the calf has
 * swollen up", "my eye went red". Each kind's words, as the tokenizer stems them.
 */
const COMPLAINT_KINDS: ReadonlyArray<readonly string[]> = [
  ['pain', 'painful', 'hurt', 'hurting', 'ache', 'aching', 'achy', 'sore', 'tender', 'agony', 'throbbing', 'stinging'],
  ['swollen', 'swelling', 'swell', 'swelled', 'puffy', 'puffed'],
  ['red', 'redness', 'inflamed'],
  ['itchy', 'itch', 'itching'],
  ['numb', 'numbness'],
  ['weak', 'weakness'],
  ['bleeding', 'bleed', 'bled']
].map((words) => [...new Set(words.map((word) => phraseTokens(word)[0] as string))])
const KIND_OF = new Map(COMPLAINT_KINDS.flatMap((words, kind) => words.map((word) => [word, kind] as const)))
/** Words a two-word complaint may have around its part and its kind: "pain in my chest", "my eyes are itchy". */
const COMPLAINT_FILLERS = new Set(['my', 'the', 'a', 'in', 'on', 'of', 'is', 'are', 'feel', 'feels', 'his', 'her', 'it', 'both', 'one', 'left', 'right'].map((word) => phraseTokens(word)[0]))
/** How far apart a part and a complaint about it may be in a clause: "my right leg has been painful". */
const PAIR_REACH = 5

/** Phrases by their first token, longest first; `parts` maps a body part and a kind of complaint to the finding. */
export type Lexicon = Map<string, LexiconEntry[]> & { readonly parts: ReadonlyMap<string, ReadonlyMap<number, number>> }

/**
 * The lexicon of the findings' phrases. A phrase of two words, a body part and a kind of
 * complaint ("calf pain", "swollen leg", "red eye"), also teaches the reader that part and kind,
 * so it reads them apart and in any order: "my right leg has been painful and swollen".
 */
export function buildLexicon (phrasesByFinding: ReadonlyArray<readonly string[]>): Lexicon {
  const entries = new Map<string, LexiconEntry[]>()
  const votes = new Map<string, Map<number, number>>()
  phrasesByFinding.forEach((phrases, finding) => {
    for (const phrase of phrases) {
      const tokens = phraseTokens(phrase)
      const first = tokens[0]
      if (first === undefined) continue
      const list = entries.get(first) ?? []
      list.push({ finding, tokens })
      entries.set(first, list)
      const content = tokens.filter((token) => !COMPLAINT_FILLERS.has(token))
      const kinds = content.map((token) => KIND_OF.get(token))
      const at = kinds.findIndex((kind) => kind !== undefined)
      if (content.length !== 2 || at < 0 || kinds[1 - at] !== undefined) continue
      const pair = `${content[1 - at] as string} ${kinds[at] as number}`
      const tally = votes.get(pair) ?? new Map<number, number>()
      tally.set(finding, (tally.get(finding) ?? 0) + 1)
      votes.set(pair, tally)
    }
  })
  for (const list of entries.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  // A part and kind that several findings name goes to the one named so most often: "swollen
  // leg", "leg is swollen", "leg swelling" (one leg) outvote "swollen legs" (both, oedema).
  const parts = new Map<string, Map<number, number>>()
  for (const [pair, tally] of votes) {
    const [part, kind] = pair.split(' ') as [string, string]
    let best: [number, number] | undefined
    for (const entry of tally) if (best === undefined || entry[1] > best[1]) best = entry
    const byKind = parts.get(part) ?? new Map<number, number>()
    byKind.set(Number(kind), (best as [number, number])[0])
    parts.set(part, byKind)
  }
  return Object.assign(entries, { parts })
}

export interface Mention {
  finding: number
  status: FindingStatus
  start: number
}

function isBreak (token: string): boolean {
  return token === CLAUSE_BREAK || BREAK_WORDS.has(token)
}

/** The end (exclusive) of `entry` matched at `start`, letting it skip a few words; -1 if it does not match. */
function matchAt (tokens: readonly string[], start: number, entry: LexiconEntry): number {
  let at = start
  for (let i = 0; i < entry.tokens.length; i++) {
    let gap = 0
    while (at < tokens.length && tokens[at] !== entry.tokens[i]) {
      if (i === 0 || gap === MAX_GAP || !GAP_WORDS.has(tokens[at] as string)) return -1
      gap++
      at++
    }
    if (at >= tokens.length) return -1
    at++
  }
  return at
}

function cueAt (tokens: readonly string[], at: number, cues: readonly string[][]): number {
  for (const cue of cues) if (startsWithAt(tokens, at, cue)) return cue.length
  return 0
}

/** A negation or uncertainty cue: where it is and the status it gives. */
interface Cue { at: number, end: number, status: FindingStatus }

/** The status a cue gives to a mention at `position`, scanning back within the clause. */
function statusAt (tokens: readonly string[], position: number, cues: readonly Cue[]): FindingStatus {
  let status: FindingStatus = 'present'
  for (const cue of cues) {
    if (cue.end > position || position - cue.end > SCOPE) continue
    let open = true
    for (let i = cue.end; i < position; i++) {
      const token = tokens[i] as string
      if (isBreak(token) || (SUBJECT_WORDS.has(token) && CLAUSE_JOINERS.has(tokens[i - 1] as string))) {
        open = false
        break
      }
    }
    if (open) status = cue.status
  }
  return status
}

/** Every finding named in `text`, in order, each with the status its wording gives it. */
export function readMentions (text: string, lexicon: Lexicon): Mention[] {
  const tokens = tokenize(text)
  const cues: Cue[] = []
  for (let at = 0; at < tokens.length; at++) {
    const uncertain = cueAt(tokens, at, UNCERTAINTY_CUES)
    if (uncertain > 0) {
      cues.push({ at, end: at + uncertain, status: 'unsure' })
      at += uncertain - 1
      continue
    }
    const negated = cueAt(tokens, at, NEGATION_CUES)
    if (negated > 0) {
      cues.push({ at, end: at + negated, status: 'absent' })
      at += negated - 1
    }
  }
  // Every phrase that matches anywhere, then the longest first: "my inhaler is not helping"
  // is the inhaler not helping, not "my inhaler" (known asthma) followed by leftovers.
  const candidates: Array<{ finding: number, start: number, end: number, length: number }> = []
  for (let start = 0; start < tokens.length; start++) {
    for (const entry of lexicon.get(tokens[start] as string) ?? []) {
      const end = matchAt(tokens, start, entry)
      if (end > 0) candidates.push({ finding: entry.finding, start, end, length: entry.tokens.length })
    }
  }
  candidates.sort((a, b) => b.length - a.length || a.start - b.start)
  const used = new Uint8Array(tokens.length)
  const mentions: Mention[] = []
  for (const candidate of candidates) {
    if (used.subarray(candidate.start, candidate.end).includes(1)) continue
    used.fill(1, candidate.start, candidate.end)
    mentions.push({ finding: candidate.finding, status: statusAt(tokens, candidate.start, cues), start: candidate.start })
  }
  readParts(tokens, lexicon, used, cues, mentions)
  return mentions.sort((a, b) => a.start - b.start)
}

/**
 * A complaint about a body part that no phrase matched: each word of a kind ("painful",
 * "swollen") pairs with the nearest part in its clause, within PAIR_REACH words, that has a
 * finding for that kind; the finding is added unless already named.
 */
function readParts (tokens: readonly string[], lexicon: Lexicon, used: Uint8Array, cues: readonly Cue[], mentions: Mention[]): void {
  const named = new Set(mentions.map((mention) => mention.finding))
  for (let at = 0; at < tokens.length; at++) {
    const kind = KIND_OF.get(tokens[at] as string)
    if (kind === undefined || used[at] === 1) continue
    let best: { finding: number, part: number } | undefined
    for (let distance = 1; distance <= PAIR_REACH && best === undefined; distance++) {
      for (const part of [at - distance, at + distance]) {
        // A part already in a phrase may take another kind ("my leg is swollen and painful"); a kind word in one may not.
        const finding = lexicon.parts.get(tokens[part] as string)?.get(kind)
        if (finding !== undefined && !breaksBetween(tokens, at, part)) {
          best = { finding, part }
          break
        }
      }
    }
    if (best === undefined || named.has(best.finding)) continue
    named.add(best.finding)
    const start = Math.min(at, best.part)
    mentions.push({ finding: best.finding, status: statusAt(tokens, Math.max(at, best.part), cues), start })
  }
}

function breaksBetween (tokens: readonly string[], a: number, b: number): boolean {
  for (let i = Math.min(a, b) + 1; i < Math.max(a, b); i++) if (isBreak(tokens[i] as string)) return true
  return false
}

const ANSWER_FILLERS = new Set(['well', 'um', 'umm', 'uh', 'hmm', 'oh', 'ah', 'so', 'honestly', 'actually', 'doctor', 'doc'].map((word) => phraseTokens(word)[0]))

const ANSWERS: Array<[FindingStatus, string[][]]> = [
  ['unsure', [
    'not sure', 'unsure', 'not certain', 'do not know', 'dunno', 'idk', 'no idea', 'maybe', 'perhaps', 'possibly', 'cannot tell',
    'cannot say', 'hard to say', 'difficult to say', 'not too sure', 'i am not sure', 'i do not know', 'i cannot tell', 'not that sure',
    'i could not say', 'i guess', 'unclear', 'i cannot remember', 'do not remember'
  ].map(phraseTokens)],
  ['absent', [
    'no', 'nope', 'nah', 'n', 'never', 'not really', 'not at all', 'none', 'negative', 'not that i know', 'not that i noticed',
    'not anymore', 'nothing', 'i do not think so', 'do not think so', 'not that i am aware', 'absolutely not', 'definitely not', 'no way',
    'nothing like that', 'not recently', 'not much'
  ].map(phraseTokens)],
  ['present', [
    'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'y', 'sure', 'correct', 'right', 'definitely', 'absolutely', 'indeed', 'of course',
    'a little', 'a bit', 'a lot', 'little bit', 'slightly', 'somewhat', 'sometimes', 'occasionally', 'kind of', 'sort of', 'mild', 'mildly',
    'quite', 'very', 'really', 'often', 'always', 'constantly', 'all the time', 'badly', 'i think so', 'affirmative', 'true', 'severe',
    'terrible', 'loads', 'lots', 'plenty', 'uh huh', 'that is right', 'thats right', 'both', 'yes i do', 'yes i have'
  ].map(phraseTokens)]
]

/**
 * "I do", "it does not": answers only when they close the statement ("I do.", "I don't, no"),
 * not when they begin one about something else ("I have a cough").
 */
const SHORT_ANSWERS: Array<[FindingStatus, string[][]]> = [
  ['absent', ['i do not', 'i have not', 'i did not', 'i am not', 'it is not', 'it does not', 'it did not', 'it was not', 'it has not', 'there is not', 'i have not been'].map(phraseTokens)],
  ['present', ['i do', 'i have', 'i did', 'i am', 'it is', 'it does', 'it did', 'it was', 'it has', 'there is', 'i have been', 'i would say so'].map(phraseTokens)]
]
const SHORT_ANSWER_ENDS = new Set([CLAUSE_BREAK, 'that', 'it', 'any', 'one', 'so', 'too', 'yes', 'no', 'not', 'though', 'actually', 'sometimes'])

/** An answer to a yes/no question at the start of the message, or undefined. */
export function readAnswer (text: string): FindingStatus | undefined {
  const tokens = tokenize(text)
  let at = 0
  while (at < tokens.length && (ANSWER_FILLERS.has(tokens[at] as string) || tokens[at] === CLAUSE_BREAK)) at++
  let found: { status: FindingStatus, length: number } | undefined
  const consider = (status: FindingStatus, phrase: string[]): void => {
    if (startsWithAt(tokens, at, phrase) && (found === undefined || phrase.length > found.length)) found = { status, length: phrase.length }
  }
  for (const [status, phrases] of ANSWERS) for (const phrase of phrases) consider(status, phrase)
  for (const [status, phrases] of SHORT_ANSWERS) {
    for (const phrase of phrases) {
      const next = tokens[at + phrase.length]
      if (next === undefined || SHORT_ANSWER_ENDS.has(next)) consider(status, phrase)
    }
  }
  return found?.status
}

const NUMBER_WORDS = new Map(Object.entries({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, a: 1, an: 1, couple: 2, few: 3, several: 4
}))

const VAGUE_COUNTS = new Set(['a', 'an', 'couple', 'few', 'several'])

function countOf (token: string | undefined): number | undefined {
  if (token === undefined) return undefined
  return /^\d+$/.test(token) ? Number(token) : NUMBER_WORDS.get(token)
}

const UNIT_DAYS = new Map(Object.entries({
  minute: 1 / 1440, min: 1 / 1440, hour: 1 / 24, hr: 1 / 24, day: 1, night: 1, week: 7, wk: 7, fortnight: 14, month: 30, year: 365, yr: 365
}))

/** Words after a count and its unit that make it an age, not a duration: "6 year old", "34 weeks pregnant". */
const AGE_AFTER = new Set(['old', 'pregnant', 'gone', 'along', 'postpartum'].map((word) => phraseTokens(word)[0]))

/**
 * Is the number before the unit at `unit` an age rather than a duration? "my 6-year-old",
 * "an 18 month old", "aged 3 years", "45 years of age", and a pregnancy's: "34 weeks pregnant".
 */
function isAge (tokens: readonly string[], unit: number, count: number): boolean {
  const after = tokens[unit + 1]
  return AGE_AFTER.has(after as string) || (after === 'of' && tokens[unit + 2] === 'age') || tokens[count - 1] === 'aged' || tokens[count - 1] === 'age'
}

/** Rates, not durations: "three times a day", "twice a week". */
const RATE_WORDS = new Set(['time', 'twice', 'once', 'per', 'every'])

/** A number 0-10 in the message (digits or words), for scale questions; "12 out of 10" is not one, nor a count of days. */
function readScaleNumber (tokens: readonly string[]): number | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string
    if (VAGUE_COUNTS.has(token) || tokens[i - 1] === 'of') continue
    const value = countOf(token)
    if (value === undefined || UNIT_DAYS.has(tokens[i + 1] as string)) continue
    return value <= 10 ? value : undefined
  }
  return undefined
}

/**
 * Words for a place on a 0-10 severity scale, as people answer "how bad is it?". The values
 * follow the usual verbal anchors of a numeric rating scale: mild 1-3, moderate 4-6, severe 7-10
 * (as used by the WHO pain ladder and the Brief Pain Inventory's cut points).
 */
const SCALE_WORDS: Array<[string[], number]> = ([
  ['no pain', 0], ['none', 0], ['not at all', 0], ['does not hurt', 0], ['not painful', 0],
  ['mild', 2], ['mildly', 2], ['slight', 2], ['slightly', 2], ['a little', 2], ['a bit', 2], ['barely', 1], ['not much', 2], ['minor', 2],
  ['not bad', 3], ['not too bad', 3], ['not that bad', 3], ['not very bad', 3], ['not severe', 3], ['bearable', 3], ['tolerable', 3],
  ['moderate', 5], ['moderately', 5], ['medium', 5], ['middling', 5], ['fairly bad', 5], ['bad', 6], ['quite bad', 6], ['pretty bad', 6], ['sore', 5],
  ['really bad', 8], ['very bad', 8], ['severe', 8], ['awful', 8], ['horrible', 8], ['terrible', 8], ['intense', 8], ['very painful', 8], ['really painful', 8],
  ['excruciating', 10], ['unbearable', 10], ['agony', 10], ['agonising', 10], ['agonizing', 10], ['worst', 10], ['cannot bear', 10]
] as Array<[string, number]>).map(([phrase, value]) => [phraseTokens(phrase), value])

/**
 * A place 0-10 on a severity scale: a number ("7", "about a 3", "8/10"), else the first scale
 * word ("mild", "not too bad", "unbearable"), longest phrase first; undefined when neither.
 */
export function readScale (text: string): number | undefined {
  const tokens = tokenize(text)
  const number = readScaleNumber(tokens)
  if (number !== undefined || tokens.some((token) => countOf(token) !== undefined && !VAGUE_COUNTS.has(token))) return number
  for (let at = 0; at < tokens.length; at++) {
    let best: [string[], number] | undefined
    for (const word of SCALE_WORDS) if (startsWithAt(tokens, at, word[0]) && (best === undefined || word[0].length > best[0].length)) best = word
    if (best !== undefined) return best[1]
  }
  return undefined
}

const RELATIVE_DAYS: Array<[string[], number]> = [
  ['this morning', 0.3], ['today', 0.3], ['tonight', 0.2], ['last night', 0.5], ['yesterday', 1], ['since yesterday', 1],
  ['just now', 0.05], ['an hour ago', 0.05], ['a few hours', 0.2], ['couple of hours', 0.1], ['all week', 5], ['last week', 7],
  ['for days', 4], ['for weeks', 21], ['for months', 90], ['for years', 730],
  ['a while', 14], ['for ages', 60], ['a long time', 60]
].map(([phrase, days]) => [phraseTokens(phrase as string), days as number])

/**
 * The count before the duration unit at `unit`: "3 days", "three days", "a week", "a couple of
 * weeks", "2 or 3 days" (the later), "half an hour"; undefined when the unit has no count.
 */
function countBefore (tokens: readonly string[], unit: number): { count: number, at: number } | undefined {
  let at = unit - 1
  if (tokens[at] === 'of') at--
  const count = countOf(tokens[at])
  if (count === undefined) return undefined
  if ((tokens[at] === 'a' || tokens[at] === 'an') && RATE_WORDS.has(tokens[at - 1] as string)) return undefined
  const before = at - 1
  const scaled = tokens[before] === 'half' ? count / 2 : count
  const more = COMPARATORS_MORE.find((phrase) => startsWithAt(tokens, before - phrase.length + 1, phrase))
  if (more !== undefined) return { count: scaled * 1.5, at: before - more.length + 1 }
  const less = COMPARATORS_LESS.find((phrase) => startsWithAt(tokens, before - phrase.length + 1, phrase))
  if (less !== undefined) return { count: scaled * 0.75, at: before - less.length + 1 }
  return { count: scaled, at }
}

/** "More than 10 days" lies beyond 10 days, "under a week" short of one: the count is moved by half (or a quarter) to the side it points. */
const COMPARATORS_MORE = ['more than', 'over', 'longer than', 'at least', 'well over'].map(phraseTokens)
const COMPARATORS_LESS = ['less than', 'under', 'not even', 'shorter than', 'almost', 'nearly'].map(phraseTokens)

/**
 * How long the patient says it has lasted, in days, or undefined: the first count with a unit
 * that is not an age or a rate ("for three days", "since 3 days ago"), else a relative date
 * ("since yesterday", "this morning"). A count wins over a relative date in the same message:
 * "since 3 days ago and it got worse today" is 3 days.
 */
export function readDurationDays (text: string): number | undefined {
  const tokens = tokenize(text)
  for (let unit = 0; unit < tokens.length; unit++) {
    const days = UNIT_DAYS.get(tokens[unit] as string)
    if (days === undefined) continue
    const counted = countBefore(tokens, unit)
    if (counted !== undefined && !isAge(tokens, unit, counted.at)) return counted.count * days
  }
  for (const [phrase, days] of RELATIVE_DAYS) {
    for (let i = 0; i < tokens.length; i++) if (startsWithAt(tokens, i, phrase)) return days
  }
  return undefined
}

const TEMPERATURE_CONTEXT = /\b(temp|temperature|fever|thermometer|degrees?|celsius|centigrade|fahrenheit)\b|°/
const TEMPERATURE = /(?<![\d.,])(\d{2,3}(?:[.,]\d{1,2})?)\s*(°|º|degrees?)?\s*(c|f|celsius|centigrade|fahrenheit)?(?![\w])/g

/**
 * A body temperature the message gives, in degrees Celsius: "38.5", "39 degrees", "101 F".
 * Only in a message about temperature (or with a unit, or answering a question about one:
 * `aboutTemperature`), and only in the range of a living body (34-43 °C, 93-110 °F), so
 * "I am 39" or "3 days" is no temperature.
 */
export function readTemperature (text: string, aboutTemperature = false): number | undefined {
  const lower = text.toLowerCase()
  for (const match of lower.matchAll(TEMPERATURE)) {
    const value = Number((match[1] as string).replace(',', '.'))
    const unit = match[3]
    if (unit === undefined && match[2] === undefined && !aboutTemperature && !TEMPERATURE_CONTEXT.test(lower)) continue
    const fahrenheit = unit === 'f' || unit === 'fahrenheit' || (unit === undefined && value >= 93)
    const celsius = fahrenheit ? (value - 32) * 5 / 9 : value
    if (celsius >= 34 && celsius <= 43) return Math.round(celsius * 10) / 10
  }
  return undefined
}

/**
 * The options (as token phrases) the message names, by index, in the order named: at each
 * word the longest option phrase wins and its words are not read again.
 */
export function readOptions (text: string, options: ReadonlyArray<readonly string[][]>): number[] {
  // Punctuation does not separate an option from its words: "side of the chest(R)".
  const tokens = phraseTokens(text)
  const named: number[] = []
  for (let at = 0; at < tokens.length;) {
    let best: { option: number, length: number } | undefined
    options.forEach((phrases, option) => {
      for (const phrase of phrases) {
        if (phrase.length > 0 && (best === undefined || phrase.length > best.length) && startsWithAt(tokens, at, phrase)) best = { option, length: phrase.length }
      }
    })
    if (best === undefined) {
      at++
      continue
    }
    if (!named.includes(best.option)) named.push(best.option)
    at += best.length
  }
  return named
}
