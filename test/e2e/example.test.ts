import { spawn } from 'node:child_process'
import { once } from 'node:events'
import t from 'tap'
import { childEnv } from '../helpers/process.js'

t.test('the README example runs as written', async (t) => {
  const child = spawn('npm', ['run', '--silent', 'example'], { env: childEnv({ PORT: '0', API_KEY: 'example-key' }), stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  t.teardown(() => {
    try { process.kill(-(child.pid as number), 'SIGKILL') } catch {}
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  while (!/Server listening at http:\/\/\[?[\d.:a-f]+\]?:(\d+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(output)
    await once(child.stdout, 'data')
  }
  const port = Number(/Server listening at http:\/\/\[?[\d.:a-f]+\]?:(\d+)/.exec(output)?.[1])
  const headers = { 'x-api-key': 'example-key', 'content-type': 'application/json' }
  const created = await fetch(`http://127.0.0.1:${port}/v1/conversations`, { method: 'POST', headers, body: JSON.stringify({ patient: { age: 40, sex: 'male' } }) })
  t.equal(created.status, 201)
  const { id } = await created.json() as { id: string }
  const reply = await fetch(`http://127.0.0.1:${port}/v1/chats`, { method: 'POST', headers, body: JSON.stringify({ conversation_id: id, input: 'I have a cough' }) })
  t.equal(reply.status, 200)
  t.match(await reply.json(), { output: { type: 'message' }, findings: [{ concept: { term: 'Cough' } }] })
  const refused = await fetch(`http://127.0.0.1:${port}/v1/conversations/${id}`)
  t.equal(refused.status, 401)
})
