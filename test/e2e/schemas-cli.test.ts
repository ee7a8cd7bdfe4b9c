import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import t from 'tap'
import { schemas } from '../../schemas/index.js'
import { childEnv } from '../helpers/process.js'

t.test('the command line writes to the folder it is given', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'schemas-cli-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'schemas', '--', dir], { env: childEnv() })
  t.match(stdout, `wrote ${schemas.length + 2} files to ${dir}`)
  t.equal(JSON.parse(await readFile(join(dir, 'ErrorResponse.json'), 'utf8')).$id, 'ErrorResponse')
})
