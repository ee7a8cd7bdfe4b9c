/**
 * Text to tokens for matching lay phrasing: lower case, contractions expanded, punctuation
 * turned into clause breaks, and a light stemmer applied the same way to the knowledge base's
 * phrases and to what patients write, so "coughing", "coughs" and "cough" meet.
 */

/** A token that ends a clause: negation and uncertainty do not reach past it. */
export const CLAUSE_BREAK = '|'

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bcan['’]?t\b/g, 'cannot'],
  [/\bwon['’]?t\b/g, 'will not'],
  [/\bain['’]?t\b/g, 'is not'],
  [/\b(\w+)n['’]t\b/g, '$1 not'],
  [/\bi['’]m\b/g, 'i am'],
  [/\b(\w+)['’]ve\b/g, '$1 have'],
  [/\b(\w+)['’]ll\b/g, '$1 will'],
  [/\b(\w+)['’]re\b/g, '$1 are'],
  [/\b(\w+)['’]d\b/g, '$1 would'],
  [/\b(it|that|there|what|he|she)['’]s\b/g, '$1 is'],
  [/['’]s\b/g, '']
]

const INABILITY = /\b(?:could not|can not|unable to|not able to|could ?nt|couldn t|will not|wont)\b/g

/** Common misspellings without the apostrophe: "dont", "cant", "im". */
const BARE_CONTRACTIONS = new Map<string, string[]>(Object.entries({
  dont: ['do', 'not'],
  doesnt: ['does', 'not'],
  didnt: ['did', 'not'],
  havent: ['have', 'not'],
  hasnt: ['has', 'not'],
  isnt: ['is', 'not'],
  wasnt: ['was', 'not'],
  arent: ['are', 'not'],
  cant: ['cannot'],
  im: ['i', 'am'],
  ive: ['i', 'have']
}))

/** A light suffix stemmer: consistent, not linguistic. */
export function stem (word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3)
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

/** The last text tokenized: each reader of a message (mentions, yes/no, scale, duration) asks for the same one. */
let last: { text: string, tokens: readonly string[] } = { text: '', tokens: [] }

export function tokenize (text: string): readonly string[] {
  if (text === last.text) return last.tokens
  const tokens = Object.freeze(split(text))
  last = { text, tokens }
  return tokens
}

function split (text: string): string[] {
  let normalized = text.toLowerCase().normalize('NFKC')
  for (const [pattern, replacement] of CONTRACTIONS) normalized = normalized.replace(pattern, replacement)
  // One way to say it cannot be done, so "I couldn't breathe" and "unable to breathe" meet "cannot breathe";
  // a refusal is said the same way ("she won't put weight on it", "the fever will not go down").
  normalized = normalized.replace(INABILITY, 'cannot')
  // Sentence and clause punctuation become a break token; other punctuation a space.
  normalized = normalized.replace(/[.;!?:\n\r()[\]]+/g, ` ${CLAUSE_BREAK} `).replace(/[^a-z0-9|\s]+/g, ' ')
  const tokens: string[] = []
  for (const raw of normalized.split(/\s+/)) {
    if (raw === '') continue
    const expanded = BARE_CONTRACTIONS.get(raw)
    if (expanded !== undefined) tokens.push(...expanded)
    else tokens.push(raw === CLAUSE_BREAK ? raw : stem(raw))
  }
  return tokens
}

/** Tokens of a phrase, without clause breaks. */
export function phraseTokens (phrase: string): string[] {
  return tokenize(phrase).filter((token) => token !== CLAUSE_BREAK)
}

/** Does `tokens` contain `phrase` as consecutive tokens at `at`? */
export function startsWithAt (tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false
  for (let i = 0; i < phrase.length; i++) if (tokens[at + i] !== phrase[i]) return false
  return true
}
