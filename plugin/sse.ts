import type { ServerResponse } from 'node:http'
import { SseEvent, type SseEventName } from '../schemas/events.js'

/**
 * The one frame formatter. `json` is serialized JSON, which never holds a raw CR or LF
 * (JSON.stringify escapes both), so it is always one `data:` line; `name` comes from the
 * fixed SseEvent list, never from input. No `id:` or `retry:`: a POST stream is not resumed.
 */
export function formatEvent (name: SseEventName, json: string): string {
  return 'event: ' + name + '\ndata: ' + json + '\n\n'
}

/** A `delta` frame, assembled without building the payload object: `id` is our own hex id. */
export function formatDelta (id: string, content: string): string {
  return 'event: ' + SseEvent.delta + '\ndata: {"id":"' + id + '","output":{"content":' + JSON.stringify(content) + '}}\n\n'
}

export const HEARTBEAT_FRAME = ': ping\n\n'

/** Headers a hook may have set that describe a body we do not send. */
const DROPPED_HEADERS = ['content-length', 'transfer-encoding', 'content-encoding']

/**
 * Writes frames to a hijacked response: backpressure, heartbeat and disconnect, and nothing
 * after the end.
 */
export class SseWriter {
  readonly #raw: ServerResponse
  readonly #heartbeat: NodeJS.Timeout
  #drainWaiter: (() => void) | undefined
  #ended = false
  /** Events written, heartbeats not counted. */
  events = 0

  constructor (raw: ServerResponse, heartbeatMs: number) {
    this.#raw = raw
    this.#heartbeat = setTimeout(() => this.#beat(), heartbeatMs).unref()
    raw.once('close', () => this.#stop())
  }

  /** Sends the status line and headers: those hooks set on the reply, then ours. */
  open (replyHeaders: Record<string, unknown>, httpVersion: string): void {
    const headers: Record<string, unknown> = { ...replyHeaders }
    for (const name of DROPPED_HEADERS) delete headers[name]
    headers['content-type'] = 'text/event-stream; charset=utf-8'
    headers['cache-control'] = 'no-cache, no-transform'
    headers['x-accel-buffering'] = 'no'
    if (httpVersion === '1.1') headers.connection = 'keep-alive'
    this.#raw.writeHead(200, headers as Record<string, string>)
  }

  /** Writes one frame; when the socket's buffer is full, waits for `drain` or a disconnect. */
  async write (frame: string): Promise<void> {
    if (this.#ended) return
    this.events++
    this.#heartbeat.refresh()
    if (!this.#raw.write(frame)) {
      await new Promise<void>((resolve) => {
        this.#drainWaiter = resolve
        this.#raw.once('drain', this.#releaseDrain)
      })
    }
  }

  /** Writes the terminal frame and ends the response; nothing is written after this. */
  end (frame: string): void {
    if (this.#ended) return
    this.events++
    this.#stop()
    this.#raw.end(frame)
  }

  readonly #releaseDrain = (): void => {
    this.#raw.removeListener('drain', this.#releaseDrain)
    const waiter = this.#drainWaiter
    this.#drainWaiter = undefined
    waiter?.()
  }

  #beat (): void {
    // While backpressured the socket is not idle; a ping would only add to the queue.
    if (!this.#ended && this.#drainWaiter === undefined) this.#raw.write(HEARTBEAT_FRAME)
    if (!this.#ended) this.#heartbeat.refresh()
  }

  /** Ends heartbeats and releases a pending drain wait: the stream is over. */
  #stop (): void {
    this.#ended = true
    clearTimeout(this.#heartbeat)
    this.#releaseDrain()
  }
}
