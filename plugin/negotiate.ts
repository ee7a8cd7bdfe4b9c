/**
 * Accept negotiation for POST /v1/chats, by RFC 9110 §12.5.1: each offered type takes the
 * q-value of the most specific range that matches it. The rule of the API is not a plain
 * "best match" (which `negotiator` would break towards header order): the stream wins when
 * it is named and at least as acceptable as JSON.
 */
export type Representation = 'json' | 'sse' | 'none'

interface MediaRange {
  type: string
  subtype: string
  q: number
}

const JSON_TYPE = ['application', 'json'] as const
const SSE_TYPE = ['text', 'event-stream'] as const

function parseRange (part: string): MediaRange | undefined {
  const [mediaType = '', ...params] = part.split(';')
  const slash = mediaType.indexOf('/')
  if (slash <= 0) return undefined
  const type = mediaType.slice(0, slash).trim().toLowerCase()
  const subtype = mediaType.slice(slash + 1).trim().toLowerCase()
  if (subtype === '' || (type === '*' && subtype !== '*')) return undefined
  let q = 1
  for (const param of params) {
    const eq = param.indexOf('=')
    if (param.slice(0, eq).trim().toLowerCase() === 'q') {
      const value = Number(param.slice(eq + 1).trim())
      q = Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0
    }
  }
  return { type, subtype, q }
}

interface Quality {
  q: number
  /** 2 for the exact type, 1 for `type/*`, 0 for `*\/*`, -1 for no match. */
  specificity: number
}

/** The q-value the ranges give to `type/subtype`: the most specific match wins; no match is 0. */
function qualityOf (ranges: MediaRange[], [type, subtype]: readonly [string, string]): Quality {
  let best = -1
  let q = 0
  for (const range of ranges) {
    const specificity = range.type === type && range.subtype === subtype
      ? 2
      : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1
    if (specificity > best) {
      best = specificity
      q = range.q
    }
  }
  return { q, specificity: best }
}

/** Clients send the same few Accept headers again and again: remember the answers. */
const remembered = new Map<string, Representation>()
const REMEMBER_AT_MOST = 256

export function negotiate (accept: string | undefined): Representation {
  if (accept === undefined) return 'json'
  let representation = remembered.get(accept)
  if (representation === undefined) {
    representation = decide(accept)
    if (remembered.size >= REMEMBER_AT_MOST) remembered.clear()
    remembered.set(accept, representation)
  }
  return representation
}

function decide (accept: string): Representation {
  if (accept.trim() === '') return 'json'
  const ranges: MediaRange[] = []
  for (const part of accept.split(',')) {
    const range = parseRange(part)
    if (range !== undefined) ranges.push(range)
  }
  const json = qualityOf(ranges, JSON_TYPE)
  const sse = qualityOf(ranges, SSE_TYPE)
  // A wildcard accepts the stream but does not ask for it: `*/*` and `text/*` beside JSON mean JSON.
  if (sse.q > 0 && (sse.specificity === 2 ? sse.q >= json.q : json.q === 0)) return 'sse'
  if (json.q > 0) return 'json'
  return 'none'
}
