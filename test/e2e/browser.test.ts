import { execFile } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Page } from 'playwright-core'
import t from 'tap'
import { buildServer, TOKEN_A } from '../helpers/server.js'
import { listen } from '../helpers/socket.js'

const CHROMIUM = '/usr/bin/chromium'
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots')

/** Records, in the page, the length the last assistant message had each time the page changed it. */
async function watchReply (page: Page): Promise<void> {
  // A script in the page's own language (the test's TypeScript has no DOM types).
  await page.evaluate(`
    window.replyLengths = []
    new MutationObserver(() => {
      const replies = document.querySelectorAll('#messages li.assistant')
      window.replyLengths.push(replies[replies.length - 1]?.textContent.length ?? 0)
    }).observe(document.getElementById('messages'), { subtree: true, childList: true, characterData: true })
  `)
}

t.test('the browser demo: a streamed interview, the diagnosis card, a scenario error', { skip: existsSync(CHROMIUM) ? false : 'install Debian\'s chromium (apt-get install chromium) to run the browser test' }, async (t) => {
  // The page imports the client's compiled modules.
  await promisify(execFile)('npm', ['run', 'build', '--silent', '-w', 'client'])
  const { app } = await buildServer(t, { config: { SCENARIOS: 'on', STREAM_CHUNK_DELAY_MS: 40 } })
  const url = `http://127.0.0.1:${await listen(app)}/`
  const profile = await mkdtemp(join(tmpdir(), 'chromium-'))
  // A fresh profile, and no traffic of the browser's own (this machine reaches no other host).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  t.teardown(async () => {
    await browser.close()
    await rm(profile, { recursive: true, force: true })
  })
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()) })
  await page.goto(url)
  t.equal(await page.title(), 'Medical interview demo')
  t.match(await page.locator('header .notice').textContent(), /Not a medical diagnosis/)

  // Start with the keyboard: the form is reachable and submits with Enter.
  await page.getByLabel('API token').fill(TOKEN_A)
  await page.getByLabel('Age').fill('45')
  await page.getByLabel('Sex').selectOption('male')
  await page.getByLabel('Age').press('Enter')
  await page.getByLabel('Your answer').waitFor()
  t.ok(await page.getByLabel('Scenario (for client developers)').isVisible(), 'the scenario picker shows when scenarios are on')

  await watchReply(page)
  await page.getByLabel('Your answer').fill('I have had a bad cough and a fever for three days')
  await page.getByLabel('Your answer').press('Enter')
  await page.locator('#send:not([disabled])').waitFor()
  const lengths = await page.evaluate('window.replyLengths') as number[]
  t.ok(new Set(lengths.filter((length) => length > 0)).size >= 3, `the reply grew over several frames (${lengths.join(', ')})`)
  t.match(await page.locator('#messages li.assistant').last().textContent(), /\?/)
  t.ok(await page.locator('#findings li').count() > 0, 'the findings gathered')

  await page.getByRole('button', { name: 'Diagnose now' }).click()
  await page.locator('#diagnosis').waitFor()
  t.ok(await page.locator('#diseases li').count() > 0, 'conditions listed')
  t.match(await page.locator('#triage').textContent(), /\S+: /, 'the triage level and what it means')
  t.match(await page.locator('#diagnosis .notice').textContent(), /Not a medical diagnosis/)
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, 'demo-diagnosis.png'), fullPage: true })

  // A new interview, and a scenario that fails the stream after three words.
  await page.getByRole('button', { name: 'Start again' }).click()
  await page.getByRole('button', { name: 'Start' }).click()
  await page.getByLabel('Scenario (for client developers)').selectOption('stream-error=stream_error; after=3')
  await page.getByLabel('Your answer').fill('I have a headache')
  await page.getByRole('button', { name: 'Send' }).click()
  await page.locator('#error:not([hidden])').waitFor()
  t.match(await page.locator('#error').textContent(), /An unexpected error occurred\. \(stream_error\)/)
  await page.screenshot({ path: join(SCREENSHOTS, 'demo-stream-error.png'), fullPage: true })
  t.same(problems, [], 'no script errors on the page')
})
