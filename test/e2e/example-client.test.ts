import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import t from 'tap'
import { childEnv } from '../helpers/process.js'
import { buildServer, TOKEN_A } from '../helpers/server.js'
import { listen } from '../helpers/socket.js'

t.test('the client README example streams a reply as written', async (t) => {
  const { app } = await buildServer(t)
  const port = await listen(app)
  const { stdout } = await promisify(execFile)(process.execPath, ['--import=tsx', 'examples/stream-chat.ts'], { env: childEnv({ BASE_URL: `http://127.0.0.1:${port}`, TOKEN: TOKEN_A }) })
  const [question, findings] = stdout.split('\n')
  t.match(question, /\?$/, 'the question, streamed piece by piece')
  t.match(findings, /^\(\d+ findings so far\)$/)
})
