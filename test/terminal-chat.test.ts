import { EventEmitter, once } from 'node:events'
import { PassThrough } from 'node:stream'
import t, { type Test } from 'tap'
import { main } from '../client/cli.js'
import { formatDiagnosis, formatNewFindings, likelihoodBar, runTerminalChat } from '../client/terminal.js'
import { createClient, ProtocolError } from 'medical-chats-client'
import { buildApp } from './helpers/app.js'
import { buildServer, TOKEN_A } from './helpers/server.js'
import { listen } from './helpers/socket.js'

/** A terminal to drive: type lines in, read what was printed, wait until something appears. */
function terminal () {
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const interrupts = new EventEmitter()
  let printed = ''
  let errors = ''
  stdout.setEncoding('utf8').on('data', (chunk: string) => { printed += chunk })
  stderr.setEncoding('utf8').on('data', (chunk: string) => { errors += chunk })
  return {
    io: { stdin, stdout, stderr, env: {}, interrupts },
    type: (line: string) => stdin.write(`${line}\n`),
    printed: () => printed,
    errors: () => errors,
    interrupts,
    /** Resolves once the output matches `pattern` (on the output's own events, no timers). */
    async until (pattern: RegExp): Promise<void> {
      while (!pattern.test(printed)) await once(stdout, 'data')
    }
  }
}

async function server (t: Test, config = {}): Promise<string> {
  const { app } = await buildServer(t, { config })
  return `http://127.0.0.1:${await listen(app)}`
}

t.test('a whole interview: the reply as it streams, the findings noted, the differential and the triage', async (t) => {
  const url = await server(t)
  const term = terminal()
  term.type('abc')
  term.type('female')
  term.type('34')
  term.type('female')
  term.type('I have had a headache and a fever since yesterday')
  term.type('')
  term.type('/diagnose')
  const status = await main(['chat', '--url', url, '--token', TOKEN_A], term.io)
  t.equal(status, 0)
  const out = term.printed()
  t.match(out, /not a medical device/)
  t.match(out, /Please give an age from 0 to 130/, 'a bad age is asked again')
  t.match(out, /assistant> [^\n]+\?\n {2}\(Noted: Headache, Fever/, 'the question, then the findings it noted')
  t.match(out, /Differential diagnosis:\n {2}\S[^\n]* [█░]{20} +\d+%/, 'likelihoods as bars')
  t.match(out, /Triage: [^\n]+\((emergency|urgent|consultation|self_care)\)\./)
  t.equal(term.errors(), '')
})

t.test('Ctrl-C cancels the reply being streamed, then the chat goes on; at the prompt it leaves', async (t) => {
  const url = await server(t, { STREAM_CHUNK_DELAY_MS: 30 })
  const term = terminal()
  const done = main(['chat', '--url', url, '--token', TOKEN_A, '--age', '50', '--sex', 'male'], term.io)
  await term.until(/you> $/)
  term.type('I have a cough')
  await term.until(/assistant> \S+/)
  term.interrupts.emit('interrupt')
  await term.until(/\(cancelled\)\n/)
  await term.until(/you> $/)
  term.interrupts.emit('interrupt')
  t.equal(await done, 0)
  t.notMatch(term.printed(), /Age in years/, '--age and --sex are not asked again')
})

t.test('API errors are shown and the chat goes on; an error event is readable', async (t) => {
  const url = await server(t, { RATE_LIMIT_PER_MINUTE: 1 })
  const term = terminal()
  term.type('I have a cough')
  term.type('/quit')
  t.equal(await main(['chat', '--url', url, '--token', TOKEN_A, '--age', '30', '--sex', 'female'], term.io), 0)
  t.match(term.printed(), /\(rate_limited\)\n/)

  const { app, engine } = await buildApp(t)
  engine.script = { chunks: ['Where', ' is it?'], failAfter: 1 }
  const plugin = terminal()
  plugin.type('my knee')
  plugin.type('/quit')
  t.equal(await main(['chat', '--url', `http://127.0.0.1:${await listen(app)}`, '--age', '30', '--sex', 'female'], plugin.io), 0)
  t.match(plugin.printed(), /assistant> Where\nThe reply failed \(stream_error\): An unexpected error occurred\./)
})

t.test('a server that refuses or breaks the contract ends the chat with status 1', async (t) => {
  const url = await server(t)
  const wrong = terminal()
  t.equal(await main(['chat', '--url', url, '--token', 'wrong', '--age', '30', '--sex', 'female'], wrong.io), 1)
  t.match(wrong.printed(), /error: [^\n]+\(unauthorized\)/)

  const broken = terminal()
  broken.type('hello')
  const client = createClient({ baseUrl: url, token: TOKEN_A })
  const status = await runTerminalChat({
    url,
    input: broken.io.stdin,
    output: broken.io.stdout,
    interrupts: broken.interrupts,
    patient: { age: 30, sex: 'male' },
    client: { ...client, streamChat: async () => { throw new ProtocolError('unexpected_response', 'expected a text/event-stream stream, got text/html', { status: 200 }) } }
  })
  t.equal(status, 1)
  t.match(broken.printed(), /error: expected a text\/event-stream stream, got text\/html/)
})

t.test('the end of input leaves at any prompt', async (t) => {
  for (const lines of [[], ['40']]) {
    const term = terminal()
    for (const line of lines) term.type(line)
    term.io.stdin.end()
    t.equal(await main(['chat', '--url', 'http://127.0.0.1:9'], term.io), 0)
  }
})

t.test('the command line: help and usage errors', async (t) => {
  const help = terminal()
  t.equal(await main(['--help'], help.io), 0)
  t.match(help.printed(), /^Usage: medical-chats-client chat/)
  for (const args of [[], ['talk'], ['chat', '--age', '30'], ['chat', '--age', '131', '--sex', 'male'], ['chat', '--age', 'x', '--sex', 'male'], ['chat', '--age', '30', '--sex', 'other'], ['chat', '--nope']]) {
    const term = terminal()
    t.equal(await main(args, term.io), 2, args.join(' '))
    t.match(term.errors(), /^error: /)
  }
})

t.test('formatting: bars, findings, a diagnosis with nothing to show', async (t) => {
  t.equal(likelihoodBar(0.5), `${'█'.repeat(10)}${'░'.repeat(10)}  50%`)
  t.equal(likelihoodBar(1.2), `${'█'.repeat(20)} 120%`)
  const headache = { concept: { id: '1', term: 'Headache', description: '' }, status: 'present' as const, is_chief: true }
  const fever = { concept: { id: '2', term: 'Fever', description: '' }, status: 'absent' as const, is_chief: false }
  const rash = { concept: { id: '3', term: 'Rash', description: '' }, status: 'unsure' as const, is_chief: false }
  t.equal(formatNewFindings([], [headache, fever, rash]), 'Noted: Headache; not: Fever; unsure: Rash')
  t.equal(formatNewFindings([headache], [headache]), undefined)
  const text = formatDiagnosis({ type: 'diagnosis', diseases: [], recommendation: { triage: 'urgent', urgency: 'Urgent', specialist: 'GP', self_management: '', red_flags: [{ id: '9', term: 'Chest pain', description: '' }] } })
  t.match(text, /\(no condition stands out\)/)
  t.match(text, /Triage: Urgent \(urgent\)\. See a doctor today\./)
  t.match(text, /Red flags: Chest pain/)
  t.notMatch(text, /What to do/)
  const emergency = formatDiagnosis({ type: 'diagnosis', diseases: [], recommendation: { triage: 'emergency', urgency: 'Emergency', specialist: 'Emergency department', self_management: 'Call emergency services now.', red_flags: [] } })
  t.match(emergency, /\nWhat to do: Call emergency services now\./, 'the advice is headed for what it is at every level, not as self-care')
})
