import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t, { type Test } from 'tap'

// The packages as a user gets them: `npm run pack` writes the tarballs, and each check installs
// them into an empty project of its own, outside the repository, with install scripts allowed,
// from the npm registry for everything else. Nothing here runs the repository's sources.

const ROOT = new URL('../../', import.meta.url).pathname
const PACKS = join(ROOT, 'packs')
const PLUGIN = 'fastify-medical-chats'
const SERVER = 'medical-chats-server'

const run = promisify(execFile)
const rootPackage = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { workspaces?: string[], devDependencies: Record<string, string> }
/** Tools installed beside the packages at the versions the repository itself uses. */
const tool = (name: string): string => `${name}@${rootPackage.devDependencies[name] as string}`

/** The environment of a user's shell: none of the runner's or of `npm run`'s settings. */
const userEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env)
  .filter(([name]) => !/^(npm_|NODE_OPTIONS$|_TAPJS_|TAP_|TS_NODE_)/i.test(name)))

async function sh (cwd: string, command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(command, args, { cwd, env: { ...userEnv, ...env }, maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

/** An empty ES module project in a fresh temporary folder, removed at the end of the test. */
async function project (t: Test, name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `${name}-`))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }))
  return dir
}

interface InstalledPackage { name: string, dir: string, scripts: Record<string, string> }

/** Every package under node_modules, nested ones included. */
async function installedPackages (dir: string): Promise<InstalledPackage[]> {
  const found: InstalledPackage[] = []
  async function walk (modules: string): Promise<void> {
    for (const entry of await readdir(modules, { withFileTypes: true }).catch(() => [])) {
      if (entry.name.startsWith('.')) continue
      const path = join(modules, entry.name)
      if (entry.name.startsWith('@')) {
        await walk(path)
        continue
      }
      const manifest = await readFile(join(path, 'package.json'), 'utf8').catch(() => undefined)
      if (manifest === undefined) continue
      const { name, scripts = {} } = JSON.parse(manifest) as { name: string, scripts?: Record<string, string> }
      found.push({ name, dir: path, scripts })
      await walk(join(path, 'node_modules'))
    }
  }
  await walk(join(dir, 'node_modules'))
  return found
}

/** What npm would run at install: an install script, or node-gyp for a binding.gyp. */
async function installWork (pkg: InstalledPackage): Promise<string | undefined> {
  const script = ['preinstall', 'install', 'postinstall'].find((name) => pkg.scripts[name] !== undefined)
  if (script !== undefined) return `${script}: ${pkg.scripts[script] as string}`
  return await stat(join(pkg.dir, 'binding.gyp')).then(() => 'binding.gyp (node-gyp rebuild)', () => undefined)
}

async function diskUsage (dir: string): Promise<number> {
  const [size] = (await sh(dir, 'du', ['-sk', 'node_modules'])).split('\t')
  return Number(size) * 1024
}

/** The first ```ts block after a README heading. */
async function readmeExample (heading: string): Promise<string> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf(`\n${heading}\n`))
  const match = /```ts\n([\s\S]*?)```/.exec(section)
  if (!readme.includes(`\n${heading}\n`) || match === null) throw new Error(`README.md has no TypeScript example under "${heading}"`)
  return match[1] as string
}

/** A consumer's tsconfig: strict, and the package's declarations checked too. */
function strictConfig (module: string, moduleResolution: string, include: string[]): string {
  return JSON.stringify({
    compilerOptions: { strict: true, skipLibCheck: false, module, moduleResolution, target: 'ES2022', types: ['node'], outDir: `out-${moduleResolution}` },
    include
  })
}

// Installing the server compiles better-sqlite3 where no prebuilt binary fits: minutes on a busy machine.
t.setTimeout(45 * 60_000)

let pluginPack = ''
let serverPack = ''
/** Every publishable package of the workspaces, with its tarball. */
let tarballs: string[] = []

t.before(async () => {
  await sh(ROOT, 'npm', ['run', 'pack'])
  const manifests = await Promise.all((rootPackage.workspaces ?? []).map(async (folder) =>
    await readFile(join(ROOT, folder, 'package.json'), 'utf8').then((text) => JSON.parse(text) as { name: string, version: string, private?: boolean }, () => undefined)))
  tarballs = manifests.filter((manifest) => manifest !== undefined && manifest.private !== true)
    .map((manifest) => join(PACKS, `${manifest?.name as string}-${manifest?.version as string}.tgz`))
  pluginPack = tarballs.find((pack) => pack.includes(`/${PLUGIN}-`)) as string
  serverPack = tarballs.find((pack) => pack.includes(`/${SERVER}-`)) as string
})

t.test('each tarball holds only what it ships, and are-the-types-wrong finds no problem', async (t) => {
  t.ok(pluginPack !== undefined && serverPack !== undefined, `the plugin and the server among ${tarballs.length} packages`)
  for (const pack of tarballs) {
    const files = (await sh(ROOT, 'tar', ['tzf', pack])).trim().split('\n')
    t.ok(files.includes('package/LICENSE'), `${pack}: LICENSE`)
    t.ok(files.includes('package/README.md'), `${pack}: README.md`)
    t.same(files.filter((file) => /\.(ts|map)$/.test(file) && !file.endsWith('.d.ts')), [], `${pack}: no sources or source maps`)
    // require(esm) works from Node 20.19 (the engines range, tested below); the tool does not
    // model it yet (arethetypeswrong/arethetypeswrong.github.io#252), hence the one rule left out.
    const report = await sh(ROOT, 'npx', ['attw', pack, '--ignore-rules', 'cjs-resolves-to-esm'])
    t.match(report, /No problems found/, `${pack}: attw`)
  }
})

t.test('the plugin alone: fastify shared with the host, no install script, no native build', async (t) => {
  // The host: an app on an older fastify 5, which the plugin must use rather than bring its own.
  const host = await project(t, 'host')
  await sh(host, 'npm', ['install', '--no-audit', '--no-fund', 'fastify@5.4.0'])
  const hostPackages = await installedPackages(host)
  const dir = await project(t, 'plugin-alone')
  const started = performance.now()
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', pluginPack, 'fastify@5.4.0'])
  const seconds = (performance.now() - started) / 1000
  const packages = await installedPackages(dir)
  const [bytes, hostBytes] = [await diskUsage(dir), await diskUsage(host)]
  const added = packages.length - hostPackages.length
  t.comment(`${PLUGIN} and fastify from the tarball: ${packages.length} packages, ${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s; ` +
    `fastify alone: ${hostPackages.length} packages, ${(hostBytes / 1e6).toFixed(1)} MB; the plugin adds ${added} packages, ${((bytes - hostBytes) / 1e6).toFixed(1)} MB`)
  t.ok(added <= 25, `the plugin adds at most 25 packages to its host's (${added})`)
  t.same(packages.filter((pkg) => pkg.name === 'fastify').map((pkg) => pkg.dir), [join(dir, 'node_modules', 'fastify')], 'one fastify, the host\'s')
  t.same(packages.filter((pkg) => pkg.name === 'better-sqlite3'), [], 'no better-sqlite3')
  const work = (await Promise.all(packages.map(async (pkg) => [pkg.name, await installWork(pkg)]))).filter(([, what]) => what !== undefined)
  t.same(work, [], 'nothing runs at install')

  const imported = await sh(dir, 'node', ['--input-type=module', '-e',
    "const m = await import('fastify-medical-chats'); console.log(typeof m.default, typeof m.ConversationBusyError)"])
  t.equal(imported.trim(), 'function function', 'import')
  const required = await sh(dir, 'node', ['--input-type=commonjs', '-e',
    "const m = require('fastify-medical-chats'); const s = require('fastify-medical-chats/schemas'); console.log(typeof m.default, new m.TurnAbandonedError() instanceof m.TurnAbandonedError, s.ChatResponseSchema.$id)"])
  t.equal(required.trim(), 'function true ChatResponse', 'require()')
})

t.test('./schemas works where fastify is not installed', async (t) => {
  const dir = await project(t, 'schemas-only')
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--omit=peer', pluginPack])
  t.notOk((await installedPackages(dir)).some((pkg) => pkg.name === 'fastify'), 'fastify is absent')
  const out = await sh(dir, 'node', ['--input-type=module', '-e',
    "const s = await import('fastify-medical-chats/schemas'); console.log(s.schemas.length, s.ChatResponseSchema.$id)"])
  t.match(out.trim(), /^\d+ ChatResponse$/)
  const json = JSON.parse(await readFile(join(dir, 'node_modules', PLUGIN, 'json-schema', 'openapi.json'), 'utf8')) as { openapi: string }
  t.match(json.openapi, /^3\./, 'the OpenAPI document ships in the package')
})

t.test('the README example type-checks strictly under node16, nodenext and bundler, and runs: 201, 200 JSON, a stream', async (t) => {
  const dir = await project(t, 'readme-example')
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', pluginPack, tool('fastify')])
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--save-dev', tool('typescript'), tool('@types/node'), tool('tstyche')])
  await writeFile(join(dir, 'app.ts'), await readmeExample('## Usage'))
  await mkdir(join(dir, 'typetests'))
  await cp(join(ROOT, 'test', 'types', 'plugin.tst.ts'), join(dir, 'typetests', 'plugin.tst.ts'))
  for (const [module, resolution] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['esnext', 'bundler']] as const) {
    await writeFile(join(dir, `tsconfig.${resolution}.json`), strictConfig(module, resolution, ['app.ts']))
    const check = await run('npx', ['tsc', '--noEmit', '-p', `tsconfig.${resolution}.json`], { cwd: dir, env: userEnv }).then(() => '', (error: { stdout: string }) => error.stdout)
    t.equal(check, '', `tsc, moduleResolution ${resolution}`)
  }
  // The type tests of the public types, against the declarations the package ships.
  await writeFile(join(dir, 'typetests', 'tsconfig.json'), strictConfig('node16', 'node16', ['*.ts']))
  t.match(await sh(dir, 'npx', ['tstyche']), /Test files:\s+\S*1 passed/, 'tstyche')

  await sh(dir, 'npx', ['tsc', '-p', 'tsconfig.node16.json'])
  const child = spawn('node', [join(dir, 'out-node16', 'app.js')], {
    cwd: dir, env: { ...userEnv, PORT: '0', API_KEY: 'example-key' }, stdio: ['ignore', 'pipe', 'pipe']
  })
  t.teardown(() => { child.kill('SIGKILL') })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/
  while (!listening.test(output)) {
    if (child.exitCode !== null) throw new Error(output)
    await once(child.stdout, 'data')
  }
  const base = (listening.exec(output) as RegExpExecArray)[1] as string
  const headers = { 'x-api-key': 'example-key', 'content-type': 'application/json' }
  const created = await fetch(`${base}/v1/conversations`, { method: 'POST', headers, body: JSON.stringify({ patient: { age: 40, sex: 'female' } }) })
  t.equal(created.status, 201)
  const { id } = await created.json() as { id: string }
  const json = await fetch(`${base}/v1/chats`, { method: 'POST', headers, body: JSON.stringify({ conversation_id: id, input: 'I have a cough' }) })
  t.equal(json.status, 200)
  t.match(json.headers.get('content-type'), /^application\/json/)
  t.match(await json.json(), { conversation_id: id, output: { type: 'message' } })
  const stream = await fetch(`${base}/v1/chats`, { method: 'POST', headers: { ...headers, accept: 'text/event-stream' }, body: JSON.stringify({ conversation_id: id, input: 'two days' }) })
  t.equal(stream.status, 200)
  t.match(stream.headers.get('content-type'), /^text\/event-stream/)
  const events = [...(await stream.text()).matchAll(/^event: (\w+)$/gm)].map((match) => match[1])
  t.ok(events.length > 1 && events.slice(0, -1).every((event) => event === 'delta'), 'deltas first')
  t.equal(events.at(-1), 'done', 'then one done')
  const unauthorised = await fetch(`${base}/v1/conversations/${id}`)
  t.equal(unauthorised.status, 401)
})

t.test('the server package: npx medical-chats-server --help lists its configuration, and without it the server starts', async (t) => {
  const dir = await project(t, 'server')
  // The server depends on the plugin and on the client (whose modules its browser page serves).
  const clientPack = tarballs.find((pack) => pack.includes('/medical-chats-client-')) as string
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', pluginPack, clientPack, serverPack])
  const help = await sh(dir, 'npx', [SERVER, '--help'])
  t.match(help, /^Usage: medical-chats-server/)
  for (const variable of ['PORT', 'HOST', 'API_TOKENS', 'DATABASE_URL', 'LOG_LEVEL', 'ENGINE_KB']) t.match(help, new RegExp(`^  ${variable} `, 'm'))

  const child = spawn('npx', [SERVER, '--port', '0'], {
    cwd: dir, env: { ...userEnv, DATABASE_URL: 'memory:', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true
  })
  t.teardown(() => {
    try { process.kill(-(child.pid as number), 'SIGKILL') } catch {}
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { output += chunk })
  const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/
  while (!listening.test(output) || !/Development token/.test(output)) {
    if (child.exitCode !== null) throw new Error(output)
    await once(child.stdout, 'data')
  }
  const base = (listening.exec(output) as RegExpExecArray)[1] as string
  t.equal((await fetch(`${base}/healthz`)).status, 200)
  const token = (/^\s+(dev_\S+)$/m.exec(output) as RegExpExecArray)[1] as string
  const created = await fetch(`${base}/v1/conversations`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ patient: { age: 30, sex: 'male' } })
  })
  t.equal(created.status, 201, 'the reference engine answers with the printed development token')
})
