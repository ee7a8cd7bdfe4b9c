import { readFile } from 'node:fs/promises'
import t from 'tap'

// The READMEs show the example files verbatim; the tests run those files (test/e2e/example.test.ts,
// and test/e2e/packaging.test.ts from the packed tarball), so what a reader copies is what runs.
const read = async (path: string): Promise<string> => await readFile(new URL(`../${path}`, import.meta.url), 'utf8')
const codeBlocks = (markdown: string): string[] => [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string)

t.test('the README\'s Usage example is examples/plugin.ts', async (t) => {
  const readme = await read('README.md')
  const usage = readme.slice(readme.indexOf('\n## Usage\n'))
  t.equal(codeBlocks(usage)[0], await read('examples/plugin.ts'))
})

t.test('the server README\'s example is examples/basic.ts', async (t) => {
  t.ok(codeBlocks(await read('server/README.md')).includes(await read('examples/basic.ts')))
})
