import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { startServer } from '../helpers/process.js'

// The server README's quick start, run as written against a started server: only the address
// (a free port instead of 3000) and the development token (the one the server printed) differ.

const run = promisify(execFile)

async function shellBlocks (path: string): Promise<string[]> {
  const markdown = await readFile(new URL(`../../${path}`, import.meta.url), 'utf8')
  return [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string)
}

t.test('the server README\'s quick start runs as written', async (t) => {
  const script = (await shellBlocks('server/README.md')).find((block) => block.includes('export TOKEN=dev_...'))
  if (script === undefined) throw new Error('server/README.md has no quick start')
  const dir = await mkdtemp(join(tmpdir(), 'quick-start-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'db')}`, API_TOKENS: '' })
  t.teardown(server.kill)
  while (!/\n {2}dev_[A-Za-z0-9_-]+\n/.test(server.output())) await new Promise((resolve) => server.child.stdout?.once('data', resolve))
  const token = (/\n {2}(dev_[A-Za-z0-9_-]+)\n/.exec(server.output()) as RegExpExecArray)[1] as string

  const runnable = script
    .replace('export TOKEN=dev_...', `export TOKEN=${token}`)
    .replaceAll('localhost:3000', `127.0.0.1:${server.port}`)
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', runnable])
  t.match(stdout, /"output":\{"type":"message"/, 'the JSON chat')
  t.match(stdout, /event: delta\ndata: /, 'the stream\'s deltas')
  t.match(stdout, /event: done\ndata: /, 'and its done')
  t.match(stdout, /"type":"diagnosis"/, 'the forced diagnosis')
  t.match(stdout, /"messages":\[/, 'the whole conversation')
})

t.test('the README\'s terminal chat and conformance commands run against a started server', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'readme-tools-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const token = 'tenant-token-0123456789abcdef'
  const server = await startServer({ DATABASE_URL: `sqlite:${join(dir, 'db')}`, API_TOKENS: `clinic:${token}` })
  t.teardown(server.kill)
  const url = `http://127.0.0.1:${server.port}`

  const kit = await run('npm', ['run', '--silent', 'conformance', '--', url, '--token', token, '--only', 'conversations,streaming.order'])
  t.match(kit.stdout, /0 failed/)

  const chat = run('npm', ['run', '--silent', 'chat', '--', '--url', url, '--token', token, '--age', '30', '--sex', 'female'])
  chat.child.stdin?.end('I have had a cough for a week\n/diagnose\n')
  const { stdout } = await chat
  t.match(stdout, /assistant> [^\n]+\?/, 'a question, streamed')
  t.match(stdout, /Differential diagnosis:/, 'then the diagnosis')
})
