/**
 * `npm run bench:profile -- FILE.cpuprofile [--top N] [--match REGEXP]`
 *
 * A V8 CPU profile (`node --cpu-prof`, or `npm run bench:stream -- --cpu-prof DIR`) read in the
 * terminal, where no browser shows its flame graph: the functions that cost the most by self
 * time (where the samples landed) and by total time (the samples under them, each function
 * counted once per stack, so recursion does not count twice). Shares are of all samples,
 * idle included, so they compare with the process's CPU time.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

interface CallFrame { functionName: string, url: string, lineNumber: number }
interface ProfileNode { id: number, callFrame: CallFrame, children?: number[] }
interface CpuProfile { nodes: ProfileNode[], samples: number[], timeDeltas: number[] }

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    top: { type: 'string', default: '30' },
    match: { type: 'string', default: '' }
  }
})
if (positionals.length !== 1) {
  process.stderr.write('usage: npm run bench:profile -- FILE.cpuprofile [--top N] [--match REGEXP]\n')
  process.exit(2)
}
const TOP = Number(flags.top)
const MATCH = new RegExp(flags.match)

/**
 * `name file:line`, the file relative to the project or to node_modules. Code compiled on load
 * (TypeScript under tsx) reports line 0 for most functions: no line is shown then.
 */
function label ({ functionName, url, lineNumber }: CallFrame): string {
  const name = functionName || '(anonymous)'
  const file = url.replace(/^.*\/node_modules\//, '').replace(`file://${process.cwd()}/`, '')
  if (file === '') return name
  return lineNumber > 0 ? `${name} ${file}:${lineNumber + 1}` : `${name} ${file}`
}

const profile = JSON.parse(readFileSync(positionals[0] as string, 'utf8')) as CpuProfile
const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
const parents = new Map<number, number>()
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id)

// Time per sampled node first: a profile has far fewer nodes than samples.
const sampled = new Map<number, number>()
let total = 0
profile.samples.forEach((id, i) => {
  const micros = profile.timeDeltas[i] ?? 0
  sampled.set(id, (sampled.get(id) ?? 0) + micros)
  total += micros
})

const self = new Map<string, number>()
const inclusive = new Map<string, number>()
for (const [id, micros] of sampled) {
  const leaf = label((nodes.get(id) as ProfileNode).callFrame)
  self.set(leaf, (self.get(leaf) ?? 0) + micros)
  const seen = new Set<string>()
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
    const name = label((nodes.get(at) as ProfileNode).callFrame)
    if (seen.has(name)) continue
    seen.add(name)
    inclusive.set(name, (inclusive.get(name) ?? 0) + micros)
  }
}

function table (title: string, times: Map<string, number>): string {
  const rows = [...times].filter(([name]) => MATCH.test(name)).sort((a, b) => b[1] - a[1]).slice(0, TOP)
  return [title, ...rows.map(([name, micros]) => `${(100 * micros / total).toFixed(1).padStart(6)} %  ${name}`)].join('\n')
}

process.stdout.write([
  `${(total / 1e6).toFixed(2)} s sampled`,
  table('\nself time', self),
  table('\ntotal time', inclusive)
].join('\n') + '\n')
