import Fastify from 'fastify'
import t from 'tap'
import { connectionsCheckingInterval, httpServerOptions } from '../server/http-options.js'

t.test('stalled requests: Node checks connections often enough for the timeout to be kept', async (t) => {
  t.equal(connectionsCheckingInterval(30_000), 1000, 'at most a second late')
  t.equal(connectionsCheckingInterval(300), 75)
  t.equal(connectionsCheckingInterval(1), 1)
  t.match(httpServerOptions({ REQUEST_TIMEOUT_MS: 30_000 }), { requestTimeout: 30_000, http: { headersTimeout: 30_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 } })
})

t.test('TRUST_PROXY: the client address is the connection\'s unless the proxy in front is trusted', async (t) => {
  async function clientAddress (TRUST_PROXY: string | undefined, remoteAddress: string): Promise<string> {
    const app = Fastify(httpServerOptions({ REQUEST_TIMEOUT_MS: 30_000, TRUST_PROXY }))
    app.get('/ip', async (request) => request.ip)
    t.teardown(() => app.close())
    return (await app.inject({ url: '/ip', remoteAddress, headers: { 'x-forwarded-for': '203.0.113.7' } })).body
  }
  t.equal(await clientAddress(undefined, '10.1.2.3'), '10.1.2.3', 'unset: a forged X-Forwarded-For is ignored')
  t.equal(await clientAddress('false', '10.1.2.3'), '10.1.2.3')
  t.equal(await clientAddress('10.0.0.0/8, ::1', '10.1.2.3'), '203.0.113.7', 'from a trusted proxy: the address it forwards')
  t.equal(await clientAddress('10.0.0.0/8', '198.51.100.1'), '198.51.100.1', 'from anyone else: the connection\'s')
  t.equal(await clientAddress('loopback', '127.0.0.1'), '203.0.113.7', 'a named range')
  t.equal(await clientAddress('true', '198.51.100.1'), '203.0.113.7', 'true: from anyone')
})
