import type { DiagnosisOutput, Finding, FindingStatus } from 'fastify-medical-chats/schemas'
import { informationGain, posterior } from './inference.js'
import { logPriorFor, type CompiledKb } from './kb/compile.js'
import type { KbFinding } from './kb/model.js'
import { readAnswer, readDurationDays, readMentions, readOptions, readScale, readTemperature } from './reading.js'
import { conceptOf, differential, emergencySigns, EMERGENCY_POSSIBLE, noEvidenceRecommendation, nonComplaints, recommend, withCompanions, withEmergencySigns } from './recommendation.js'
import type { Interviewer, InterviewOptions, InterviewOutcome, InterviewTurn } from './types.js'
import { PERSONALITIES, say, summarize, type Personality } from './wording.js'

/** No interview goes past this many questions, whatever max_questions says. */
export const HARD_QUESTION_CAP = 25
/** Stop asking once the leading condition is this likely... */
export const CONFIDENT = 0.85
/** ...and at least this many questions were asked. */
export const MIN_QUESTIONS = 3
/** A question expected to teach less than this (bits) is not worth asking. */
export const MIN_GAIN = 0.01
/** An unplaceable answer is asked again this many times, then the question is left. */
export const MAX_REASKS = 2
/** The opening prompt is given this many times; then the interview asks its own questions rather than wait for a symptom it can read. */
export const MAX_OPENINGS = 2
/** Fever is a body temperature of 38 °C or more (NICE NG143, CG160). */
export const FEVER_CELSIUS = 38
/** The SNOMED CT concept of fever, which a temperature in degrees answers. */
const FEVER_CODE = '386661006'
/** A condition below this posterior no longer steers the questions. */
const IN_PLAY = 0.005
/** A red flag is asked first when the must-not-miss conditions it points to are this likely together. */
const RED_FLAG_PLAUSIBLE = 0.002
/** A red flag points to a condition when P(flag | condition) is at least this. */
const RED_FLAG_LINK = 0.3
/** A must-not-miss condition could explain the chief complaint when P(complaint | condition) is at least this. */
const CHIEF_LINK = 0.5
/** How many red-flag questions the chief complaint's screening may take. */
const SCREENING_QUESTIONS = 4

/** The interview's whole state, kept by the store between turns (plain JSON). */
export interface InterviewState {
  age: number
  sex: 'male' | 'female'
  personality: Personality
  cap: number
  /** Findings learned, in the order learned: [key, status, is_chief]. */
  known: Array<[string, FindingStatus, boolean]>
  /** Questions asked (by the key of the finding that anchors them). */
  asked: string[]
  /** The question awaiting an answer. */
  pending?: string
  reasks: number
  /** Assistant replies that were a question. */
  questions: number
  /** Times the opening prompt (name your main symptom) was given. */
  openings: number
}

/** The deterministic reference interviewer over a compiled knowledge base. */
export class ReferenceInterviewer implements Interviewer<InterviewState> {
  readonly capabilities
  readonly #kb: CompiledKb
  readonly #nonComplaints: ReadonlySet<number>
  readonly #fever: string | undefined

  constructor (kb: CompiledKb) {
    this.#kb = kb
    this.#nonComplaints = nonComplaints(kb)
    this.#fever = kb.findings.find((finding) => finding.key === 'fever' || finding.code === FEVER_CODE)?.key
    this.capabilities = { personalities: PERSONALITIES, languages: ['en'], codingSystems: [kb.codingSystem] }
  }

  begin (options: InterviewOptions): InterviewState {
    return {
      age: options.patient.age,
      sex: options.patient.sex,
      personality: options.personality as Personality,
      cap: Math.min(options.maxQuestions ?? HARD_QUESTION_CAP, HARD_QUESTION_CAP),
      known: [],
      asked: [],
      reasks: 0,
      questions: 0,
      openings: 0
    }
  }

  answer (previous: InterviewState, turn: InterviewTurn): InterviewOutcome<InterviewState> {
    const state: InterviewState = structuredClone(previous)
    const known = new Map(state.known.map(([key, status, chief]) => [key, { status, chief }]))
    const readChief = turn.input !== undefined && !turn.forceDiagnose && this.#read(state, known, turn.input)
    state.known = [...known].map(([key, { status, chief }]) => [key, status, chief])

    const evidence = new Map(state.known.map(([key, status]) => [this.#kb.findingIndex.get(key) as number, status]))
    const p = posterior(this.#kb, logPriorFor(this.#kb, state.age, state.sex), evidence)
    const anyPresent = state.known.some(([, status]) => status === 'present')

    // A sign that is an emergency whatever its cause ends the interview at once: every question more delays care.
    if (turn.forceDiagnose || state.questions >= state.cap || emergencySigns(this.#kb, evidence).length > 0) return this.#diagnose(state, p, anyPresent, evidence)
    if (!this.#hasComplaint(known) && state.openings < MAX_OPENINGS) {
      // No symptom to reason from yet (a greeting, or only how long): ask for the main symptom rather than guess.
      return this.#message(state, { kind: 'opening', attempt: state.openings++ }, undefined)
    }
    if (state.pending !== undefined) {
      return this.#message(state, { kind: 'reask', finding: this.#finding(state.pending) }, state.pending)
    }
    const next = this.#nextQuestion(state, p, evidence)
    if (next === undefined) return this.#diagnose(state, p, anyPresent, evidence)
    const acknowledged = readChief
      ? state.known.filter(([, status, chief]) => chief && status === 'present').map(([key]) => this.#finding(key).term)
      : []
    state.asked.push(next)
    return this.#message(state, { kind: 'ask', finding: this.#finding(next), acknowledged, turn: state.questions }, next)
  }

  #finding (key: string): KbFinding {
    return this.#kb.findings[this.#kb.findingIndex.get(key) as number] as KbFinding
  }

  /** Is a symptom (not only history or how long) known to be present? */
  #hasComplaint (known: ReadonlyMap<string, { status: FindingStatus }>): boolean {
    for (const [key, { status }] of known) {
      if (status === 'present' && !this.#nonComplaints.has(this.#kb.findingIndex.get(key) as number)) return true
    }
    return false
  }

  /**
   * Applies what the patient wrote to `known`; clears or keeps the pending question. True when
   * this message named the chief complaint.
   */
  #read (state: InterviewState, known: Map<string, { status: FindingStatus, chief: boolean }>, input: string): boolean {
    // Findings in the first message that names a symptom are the chief complaint.
    const chief = !this.#hasComplaint(known)
    const pending = state.pending
    let placed = false
    const set = (key: string, status: FindingStatus): void => {
      known.set(key, { status, chief: known.get(key)?.chief ?? (chief && status === 'present') })
      placed = true
    }

    const mentions = readMentions(input, this.#kb.lexicon)
    const mentioned = new Set(mentions.map((mention) => mention.finding))
    if (state.pending !== undefined) {
      const anchor = this.#finding(state.pending)
      const anchorIndex = this.#kb.findingIndex.get(state.pending) as number
      if (anchor.options !== undefined) {
        const chosen = this.#readChoice(anchor, anchorIndex, input)
        if (chosen.length > 0) this.#applyOptions(anchor, chosen, set)
        // "I don't know" answers a choice too: asking again would not teach more.
        else if (readAnswer(input) === 'unsure') set(anchor.key, 'unsure')
      } else if (!mentioned.has(anchorIndex)) {
        const scale = anchor.scaleAtLeast === undefined ? undefined : readScale(input)
        const status = scale === undefined ? readAnswer(input) : (scale >= (anchor.scaleAtLeast as number) ? 'present' : 'absent')
        if (status !== undefined) set(anchor.key, status)
      }
    }
    for (const mention of mentions) set((this.#kb.findings[mention.finding] as KbFinding).key, mention.status)
    this.#readDuration(state, input, set)
    // A temperature in degrees says whether there is a fever, whatever words came with it.
    const celsius = this.#fever === undefined ? undefined : readTemperature(input, pending === this.#fever)
    if (celsius !== undefined) set(this.#fever as string, celsius >= FEVER_CELSIUS ? 'present' : 'absent')
    // A detail implies what it details: a throbbing headache is a headache.
    for (const [key, { status }] of [...known]) {
      const parent = this.#finding(key).parent
      if (status === 'present' && parent !== undefined && known.get(parent)?.status !== 'present') set(parent, 'present')
    }

    if (placed) {
      state.pending = undefined
      state.reasks = 0
    } else if (state.pending !== undefined && ++state.reasks > MAX_REASKS) {
      // Asked in other words twice and still not placeable: leave it rather than guess.
      state.pending = undefined
      state.reasks = 0
    }
    return chief && this.#hasComplaint(known)
  }

  /** The options the message picks (one, unless the question takes several), or an empty list. */
  #readChoice (anchor: KbFinding, anchorIndex: number, input: string): number[] {
    const options = anchor.options as NonNullable<KbFinding['options']>
    // A counted duration beats an option's words: "since 3 days ago, worse today" is 3 days.
    const days = options.some((option) => option.maxDays !== undefined) ? readDurationDays(input) : undefined
    if (days === undefined) {
      const named = readOptions(input, this.#kb.optionPhrases.get(anchorIndex) as Array<readonly string[][]>)
      return anchor.multiple === true ? named : named.slice(0, 1)
    }
    // An option without maxDays has no upper bound: "more than 10 days".
    const index = options.findIndex((option) => option.maxDays === undefined || days <= option.maxDays)
    return index >= 0 ? [index] : []
  }

  #applyOptions (anchor: KbFinding, chosenOptions: number[], set: (key: string, status: FindingStatus) => void): void {
    const options = anchor.options as NonNullable<KbFinding['options']>
    const chosen = new Set(chosenOptions.flatMap((index) => (options[index] as (typeof options)[number]).present))
    const members = new Set(options.flatMap((option) => option.present))
    for (const key of members) set(key, chosen.has(key) ? 'present' : 'absent')
    if (members.size === 0) set(anchor.key, 'present')
  }

  /** A duration in free text ("for three weeks") answers a duration question not yet asked. */
  #readDuration (state: InterviewState, input: string, set: (key: string, status: FindingStatus) => void): void {
    const anchorIndex = this.#kb.durationQuestion
    if (anchorIndex === undefined) return
    const anchor = this.#kb.findings[anchorIndex] as KbFinding
    if (state.asked.includes(anchor.key) || readDurationDays(input) === undefined) return
    const chosen = this.#readChoice(anchor, anchorIndex, input)
    if (chosen.length === 0) return
    this.#applyOptions(anchor, chosen, set)
    state.asked.push(anchor.key)
  }

  /** The question to ask next, or undefined when the interview should end. */
  #nextQuestion (state: InterviewState, p: Float64Array, evidence: Map<number, FindingStatus>): string | undefined {
    const kb = this.#kb
    const asked = new Set(state.asked)
    const presentKeys = new Set(state.known.filter(([, status]) => status === 'present').map(([key]) => key))
    const askable = (f: number): boolean => {
      const finding = kb.findings[f] as KbFinding
      const anchor = kb.findings[kb.askedBy[f] as number] as KbFinding
      return !evidence.has(f) && !asked.has(anchor.key) && (finding.parent === undefined || presentKeys.has(finding.parent)) &&
        (anchor.parent === undefined || presentKeys.has(anchor.parent))
    }

    const question = (f: number | undefined): string | undefined => f === undefined ? undefined : (kb.findings[kb.askedBy[f] as number] as KbFinding).key
    // What would make a finding present an emergency is asked before anything else: after "I am pregnant", a headache.
    for (const key of presentKeys) {
      for (const partner of this.#finding(key).emergencyWith ?? []) {
        const f = kb.findingIndex.get(partner) as number
        if (askable(f)) return question(f)
      }
    }
    const flag = this.#redFlagToAsk(state, p, askable)
    if (flag !== undefined) return question(flag)

    // Once the diagnosis is settled, what the differential turns on, if still unknown.
    const beforeDiagnosis = (): string | undefined => question(kb.differentialQuestions.find(askable))

    let top = 0
    for (const value of p) if (value > top) top = value
    // A clear leader ends the interview, unless emergencies likely enough to raise the triage are
    // still in play: asking on rules them out, where stopping would send a stomach bug to be seen today.
    // (A leader that is itself an emergency has set the triage already.)
    let emergencyMass = 0
    let leader = 0
    for (let c = 0; c < p.length; c++) {
      if ((kb.conditions[c] as CompiledKb['conditions'][number]).triage === 'emergency') emergencyMass += p[c] as number
      if ((p[c] as number) > (p[leader] as number)) leader = c
    }
    const inPlay = emergencyMass >= EMERGENCY_POSSIBLE && (kb.conditions[leader] as CompiledKb['conditions'][number]).triage !== 'emergency'
    if (top >= (kb.confidence ?? CONFIDENT) && state.questions >= MIN_QUESTIONS && !inPlay) return beforeDiagnosis()

    let best: { f: number, gain: number } | undefined
    for (let f = 0; f < kb.findings.length; f++) {
      if (!askable(f) || !(kb.relevant[f] as number[]).some((c) => (p[c] as number) >= IN_PLAY)) continue
      const gain = informationGain(kb, p, f)
      if (best === undefined || gain > best.gain) best = { f, gain }
    }
    if (best === undefined || best.gain < MIN_GAIN) return beforeDiagnosis()
    return question(best.f)
  }

  /**
   * Red flags first, never an interview ended without asking what would reveal an emergency.
   * Two rules: the must-not-miss conditions that could explain the chief complaint (all of its
   * symptoms, when some conditions do) are screened for at once, most telling sign first,
   * whatever their (small) prior; after that, any red flag of a must-not-miss condition that
   * has become plausible is asked before anything else.
   */
  #redFlagToAsk (state: InterviewState, p: Float64Array, askable: (f: number) => boolean): number | undefined {
    const kb = this.#kb
    const logPrior = logPriorFor(kb, state.age, state.sex)
    const chief = state.known.filter(([, status, isChief]) => isChief && status === 'present').map(([key]) => kb.findingIndex.get(key) as number)
    const possible = kb.mustNotMiss.filter((c) => (logPrior[c] as number) > -Infinity)
    const explains = (c: number, f: number): boolean => ((kb.pPresent[f] as Float64Array)[c] as number) >= CHIEF_LINK
    // The conditions that explain the whole complaint, when some do ("a fever and a limp" screens
    // septic arthritis, not malaria or meningitis); else those that explain any part of it.
    const symptoms = chief.filter((f) => !this.#nonComplaints.has(f))
    const whole = possible.filter((c) => symptoms.every((f) => explains(c, f)))
    const explainsChief = whole.length > 0 && symptoms.length > 1 ? whole : possible.filter((c) => chief.some((f) => explains(c, f)))
    const screened = state.asked.filter((key) => this.#finding(key).redFlag === true).length
    let best: { f: number, score: number } | undefined
    for (let f = 0; f < kb.findings.length; f++) {
      if ((kb.findings[f] as KbFinding).redFlag !== true || !askable(f)) continue
      const row = kb.pPresent[f] as Float64Array
      let specificity = 0
      if (screened < SCREENING_QUESTIONS) for (const c of explainsChief) specificity = Math.max(specificity, row[c] as number)
      let weight = 0
      for (const c of kb.mustNotMiss) if ((row[c] as number) >= RED_FLAG_LINK) weight += p[c] as number
      // Screening (by specificity) outranks plausibility (a posterior weight below 1).
      const score = specificity >= RED_FLAG_LINK ? 1 + specificity : (weight >= RED_FLAG_PLAUSIBLE ? weight : 0)
      if (score > 0 && (best === undefined || score > best.score)) best = { f, score }
    }
    return best?.f
  }

  #findings (state: InterviewState): Finding[] {
    return state.known.map(([key, status, chief]) => ({ concept: conceptOf(this.#finding(key)), status, is_chief: chief }))
  }

  #message (state: InterviewState, utterance: Parameters<typeof say>[0], pending: string | undefined): InterviewOutcome<InterviewState> {
    state.pending = pending
    if (pending === undefined) delete state.pending
    state.questions++
    return { state, findings: this.#findings(state), reply: { type: 'message', content: say(utterance, state.personality) } }
  }

  /**
   * The posterior the differential reports. With a differential weight below the evidence
   * weight the same evidence is counted more lightly, which keeps the plausible alternatives
   * in the list as a clinician's differential keeps them, rather than one condition at 100 %.
   */
  #reported (state: InterviewState, evidence: Map<number, FindingStatus>, p: Float64Array): Float64Array {
    const weight = this.#kb.differentialWeight
    const base = weight === undefined ? p : posterior(this.#kb, logPriorFor(this.#kb, state.age, state.sex), evidence, weight)
    return withEmergencySigns(this.#kb, withCompanions(this.#kb, base, evidence), emergencySigns(this.#kb, evidence))
  }

  #diagnose (state: InterviewState, p: Float64Array, anyPresent: boolean, evidence: Map<number, FindingStatus>): InterviewOutcome<InterviewState> {
    delete state.pending
    const diagnosis: DiagnosisOutput = anyPresent
      ? { type: 'diagnosis', diseases: differential(this.#kb, this.#reported(state, evidence, p)), recommendation: recommend(this.#kb, p, evidence) }
      : { type: 'diagnosis', diseases: [], recommendation: noEvidenceRecommendation() }
    return { state, findings: this.#findings(state), reply: { type: 'diagnosis', diagnosis, summary: summarize(diagnosis, state.personality) } }
  }
}
