import t from 'tap'
import { connectionsCheckingInterval, httpServerOptions } from '../server/http-options.js'

t.test('stalled requests: Node checks connections often enough for the timeout to be kept', async (t) => {
  t.equal(connectionsCheckingInterval(30_000), 1000, 'at most a second late')
  t.equal(connectionsCheckingInterval(300), 75)
  t.equal(connectionsCheckingInterval(1), 1)
  t.match(httpServerOptions({ REQUEST_TIMEOUT_MS: 30_000 }), { requestTimeout: 30_000, http: { headersTimeout: 30_000, requestTimeout: 30_000, connectionsCheckingInterval: 1000 } })
})
