import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { ConfigError, helpText, loadConfig } from '../server/config.js'
import { DEV_TENANT, TokenRegistry, loadTokens, parseTokenPairs } from '../server/tokens.js'

t.test('defaults make a working configuration with nothing set', async (t) => {
  const { config, help } = loadConfig([], {})
  t.equal(help, false)
  t.match(config, {
    PORT: 3000,
    HOST: '127.0.0.1',
    DATABASE_URL: 'sqlite:./data/conversations.db',
    LOG_LEVEL: 'info',
    STREAM_CHUNK_DELAY_MS: 0,
    BODY_LIMIT_BYTES: 1_048_576,
    ENGINE_KB: 'builtin'
  })
  t.equal(config.API_TOKENS, undefined)
  t.equal(config.REDIS_URL, undefined, 'rate limits count in this process unless Redis is named')
  t.equal(config.DATABASE_POOL_SIZE, 10)
})

t.test('values come from the environment, flags win, empty means unset', async (t) => {
  const { config } = loadConfig(['--port', '8080', '--host', '0.0.0.0'], { PORT: '9999', LOG_LEVEL: 'debug', STREAM_CHUNK_DELAY_MS: '40', API_TOKENS: '', DATABASE_URL: 'sqlite::memory:' })
  t.equal(config.PORT, 8080)
  t.equal(loadConfig([], { DATABASE_URL: 'postgresql://app@db.internal:5432/chats', DATABASE_POOL_SIZE: '20', REDIS_URL: 'redis://cache:6379/0' }).config.DATABASE_POOL_SIZE, 20)
  t.equal(config.HOST, '0.0.0.0')
  t.equal(config.LOG_LEVEL, 'debug')
  t.equal(config.STREAM_CHUNK_DELAY_MS, 40)
  t.equal(config.DATABASE_URL, 'sqlite::memory:')
  t.equal(config.API_TOKENS, undefined)
  t.equal(loadConfig(['--help'], {}).help, true)
  t.equal(loadConfig(['-h'], {}).help, true)
})

t.test('a bad value is one clear line naming it', async (t) => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [[], { PORT: 'eighty' }, /PORT must be integer/],
    [[], { PORT: '70000' }, /PORT must be <= 65535/],
    [[], { LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [[], { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must match pattern/],
    [[], { DATABASE_URL: 'postgres://' }, /DATABASE_URL must match pattern/],
    [[], { DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be >= 1/],
    [[], { REDIS_URL: 'localhost:6379' }, /REDIS_URL must match pattern/],
    [[], { ENGINE_KB: 'mine' }, /ENGINE_KB/],
    [[], { STREAM_CHUNK_DELAY_MS: '-1' }, /STREAM_CHUNK_DELAY_MS must be >= 0/],
    [[], { API_TOKENS: 'a:b', API_TOKENS_FILE: '/x' }, /set API_TOKENS or API_TOKENS_FILE, not both/],
    [[], { TRUST_PROXY: '2' }, /TRUST_PROXY: "2" is not an address, a CIDR range/],
    [[], { TRUST_PROXY: '10.0.0.0/8, proxy.internal' }, /TRUST_PROXY: "proxy.internal" is not/],
    [[], { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY: "10.0.0.0\/33" is not/],
    [[], { TRUST_PROXY: '::1/129' }, /TRUST_PROXY: "::1\/129" is not/],
    [[], { TRUST_PROXY: '10.0.0.0/8/8' }, /TRUST_PROXY: "10.0.0.0\/8\/8" is not/],
    [[], { TRUST_PROXY: '10.0.0.0/x' }, /TRUST_PROXY: "10.0.0.0\/x" is not/],
    [['--bogus'], {}, /Unknown option '--bogus'/]
  ]
  t.equal(loadConfig([], { TRUST_PROXY: 'loopback, fe80::/10, 10.0.0.0/8' }).config.TRUST_PROXY, 'loopback, fe80::/10, 10.0.0.0/8', 'names, IPv6 and IPv4 ranges')
  for (const [argv, env, message] of cases) {
    const error = t.throws(() => loadConfig(argv, env), message) as unknown as Error
    t.ok(error instanceof ConfigError)
    t.notMatch(error.message, /\n/, 'one line')
  }
})

t.test('--help lists every variable with its default', async (t) => {
  const text = helpText()
  for (const name of ['PORT', 'HOST', 'API_TOKENS', 'API_TOKENS_FILE', 'DATABASE_URL', 'LOG_LEVEL', 'STREAM_CHUNK_DELAY_MS', 'ENGINE_TIMEOUT_MS', 'HEARTBEAT_MS', 'RATE_LIMIT_PER_MINUTE', 'BODY_LIMIT_BYTES', 'SHUTDOWN_GRACE_MS', 'DATABASE_POOL_SIZE', 'REDIS_URL', 'AUTH_FAILURES_PER_MINUTE', 'REQUEST_TIMEOUT_MS', 'TRUST_PROXY', 'OVERLOAD_EVENT_LOOP_UTILIZATION']) {
    t.match(text, new RegExp(`^  ${name} `, 'm'))
  }
  t.match(text, /PORT +TCP port to listen on \(default: 3000\)/)
  const columns = text.split('\n').filter((line) => /^ {2}[A-Z_]+ /.test(line)).map((line) => (/^ {2}[A-Z_]+ +/.exec(line) as RegExpExecArray)[0].length)
  t.equal(new Set(columns).size, 1, 'every description starts in the same column, after the longest name')
})

t.test('tokens: pairs, a file, or a generated development token', async (t) => {
  const registry = loadTokens({ API_TOKENS: 'acme:acme-token-1234567890, beta:beta-token-1234567890' }).registry
  t.equal(registry.size, 2)
  t.match(registry.resolve('acme-token-1234567890'), { tenant: 'acme' })
  t.match(registry.resolve('beta-token-1234567890'), { tenant: 'beta' })
  t.equal(registry.resolve('acme-token-123456789'), undefined)
  t.equal(registry.resolve(''), undefined)
  t.match(registry.resolve('acme-token-1234567890')?.tokenId, /^[0-9a-f]{16}$/)
  t.notMatch(registry.resolve('acme-token-1234567890')?.tokenId, 'acme-token')

  const dir = await mkdtemp(join(tmpdir(), 'tokens-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const file = join(dir, 'tokens')
  await writeFile(file, '# tenants\nacme:acme-token-1234567890\n\nbeta:beta-token-1234567890\n')
  t.equal(loadTokens({ API_TOKENS_FILE: file }).registry.size, 2)
  t.throws(() => loadTokens({ API_TOKENS_FILE: join(dir, 'missing') }), /API_TOKENS_FILE: cannot read/)

  const dev = loadTokens({})
  t.match(dev.devToken, /^dev_[A-Za-z0-9_-]{32}$/)
  t.match(dev.registry.resolve(dev.devToken as string), { tenant: DEV_TENANT })
  t.not(loadTokens({}).devToken, dev.devToken, 'a new token each start')
})

t.test('bad token entries are refused with a message that says why', async (t) => {
  t.throws(() => parseTokenPairs(['nocolon'], 'API_TOKENS'), /API_TOKENS: each entry must be tenant:token/)
  t.throws(() => parseTokenPairs([':token-1234567890123'], 'API_TOKENS'), /tenant:token/)
  t.throws(() => parseTokenPairs(['bad tenant:token-1234567890123'], 'API_TOKENS'), /tenant:token/)
  t.throws(() => parseTokenPairs(['acme:short'], 'API_TOKENS'), /the token of tenant "acme" must be at least 16 characters/)
  t.throws(() => parseTokenPairs(['acme:has spaces in the token'], 'API_TOKENS'), /letters, digits and - \. _ ~ \+ \/ \(then = padding only\), as a bearer token is \(RFC 6750 §2\.1\)/)
  t.throws(() => parseTokenPairs(['acme:abc:def-1234567890123'], 'API_TOKENS'), /RFC 6750/, 'a colon could never be sent in a Bearer header')
  t.throws(() => parseTokenPairs(['acme:abc=def-1234567890123'], 'API_TOKENS'), /RFC 6750/, '= only as trailing padding')
  t.same(parseTokenPairs(['acme:abc.DEF_~+/-1234567890=='], 'API_TOKENS'), [['acme', 'abc.DEF_~+/-1234567890==']], 'every token68 character')
  t.throws(() => parseTokenPairs(['', '# only a comment'], 'API_TOKENS_FILE'), /API_TOKENS_FILE: no tenant:token pair found/)
  t.equal(new TokenRegistry([]).resolve('anything'), undefined)
})
