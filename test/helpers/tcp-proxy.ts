import { once } from 'node:events'
import { createServer, connect, type AddressInfo, type Socket } from 'node:net'

export interface TcpProxy {
  port: number
  /** The network fails: every open connection is reset, and new ones are refused until `restore`. */
  cut: () => void
  restore: () => void
  close: () => Promise<void>
}

/**
 * A TCP relay to `port` on 127.0.0.1 that a test can cut: a database that vanishes and
 * comes back, as a network partition or a restart shows it to its clients, without touching
 * the database other tests share.
 */
export async function startTcpProxy (port: number): Promise<TcpProxy> {
  const open = new Set<Socket>()
  let cut = false
  const server = createServer((client) => {
    if (cut) {
      client.resetAndDestroy()
      return
    }
    const upstream = connect(port, '127.0.0.1')
    for (const socket of [client, upstream]) {
      open.add(socket)
      socket.on('close', () => open.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    cut: () => {
      cut = true
      for (const socket of open) socket.resetAndDestroy()
    },
    restore: () => { cut = false },
    close: async () => {
      for (const socket of open) socket.destroy()
      server.close()
      await once(server, 'close')
    }
  }
}
