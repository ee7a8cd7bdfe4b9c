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

/**
 * Headers a hook may have set that do not apply: those describing a body we do not send, and
 * the connection's own (RFC 9112 §9), which Node decides from the request: keep-alive for an
 * HTTP/1.1 client that did not ask to close, `close` for `Connection: close`, for HTTP/1.0 (a
 * stream has no length, so only the close can end it), past `maxRequestsPerSocket` and while
 * the server closes; and after a `close` it ends the connection once the stream is over.
 */
const DROPPED_HEADERS = ['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']

const kWriter = Symbol('fastify-medical-chats.writer')

interface WithWriter {
  [kWriter]?: SseWriter
}

/** Frames held for one tick are written at once past this size, so a fast engine cannot pile up memory. */
const COALESCE_LIMIT = 16 * 1024

/**
 * Writes frames to a hijacked response: coalescing, backpressure, heartbeat and disconnect,
 * and nothing after the end.
 *
 * Frames produced in the same tick are joined and leave in one `write()`, together with the
 * headers. Node's http gathers a tick's writes into one writev anyway, but each `write()` of a
 * chunked response costs its call and three more buffers to frame the chunk. Listeners are
 * shared functions that find the writer on the response, and heartbeats come from the live
 * turns' one sweep, so a stream allocates no closures and no timers.
 */
export class SseWriter {
  readonly #raw: ServerResponse & WithWriter
  readonly #heartbeatMs: number
  #lastWrite = Date.now()
  #drainWaiter: (() => void) | undefined
  #ended = false
  #pending = ''
  #flushScheduled = false
  /** Events written, heartbeats not counted. */
  events = 0

  constructor (raw: ServerResponse, heartbeatMs: number) {
    this.#raw = raw
    this.#raw[kWriter] = this
    this.#heartbeatMs = heartbeatMs
    // `close` comes once: a plain listener, without the wrapper `once` allocates.
    raw.on('close', SseWriter.#onClose)
  }

  /** Sets the status line and headers (those hooks set on the reply, then ours); they leave with the first frame. */
  open (replyHeaders: Record<string, unknown>): void {
    const headers: Record<string, unknown> = { ...replyHeaders }
    for (const name of DROPPED_HEADERS) delete headers[name]
    headers['content-type'] = 'text/event-stream; charset=utf-8'
    headers['cache-control'] = 'no-cache, no-transform'
    headers['x-accel-buffering'] = 'no'
    this.#raw.writeHead(200, headers as Record<string, string>)
    this.#scheduleFlush()
  }

  /**
   * Queues one frame for this tick's write. Returns a promise only when the socket's buffer is
   * full: it resolves on `drain` or on a disconnect, so a reader that stops and leaves never
   * leaves it pending.
   */
  write (frame: string): Promise<void> | undefined {
    if (this.#ended) return undefined
    this.events++
    this.#pending += frame
    if (this.#pending.length >= COALESCE_LIMIT) this.#flush()
    else this.#scheduleFlush()
    if (!this.#raw.writableNeedDrain) return undefined
    return new Promise<void>((resolve) => {
      this.#drainWaiter = resolve
      this.#raw.once('drain', SseWriter.#onDrain)
    })
  }

  /** Writes what is queued and the terminal frame, and ends the response; nothing is written after this. */
  end (frame: string): void {
    if (this.#ended) return
    this.events++
    const data = this.#pending + frame
    this.#pending = ''
    this.#stop()
    this.#raw.end(data)
  }

  #scheduleFlush (): void {
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    process.nextTick(SseWriter.#flushTick, this)
  }

  static #flushTick (writer: SseWriter): void {
    writer.#flushScheduled = false
    if (!writer.#ended) writer.#flush()
  }

  #flush (): void {
    const data = this.#pending
    this.#pending = ''
    // Nothing yet from a slow engine: send the headers now, so the client knows the stream began.
    if (data === '') this.#raw.flushHeaders()
    else this.#raw.write(data)
    this.#lastWrite = Date.now()
  }

  /**
   * A comment on a stream silent for the heartbeat interval, so proxies keep it open. Not
   * while backpressured: the socket is not idle then, and a ping would only add to the queue.
   */
  beat (now: number): void {
    if (this.#ended || this.#drainWaiter !== undefined || now - this.#lastWrite < this.#heartbeatMs) return
    this.#raw.write(HEARTBEAT_FRAME)
    this.#lastWrite = now
  }

  static #onDrain (this: ServerResponse & WithWriter): void {
    (this[kWriter] as SseWriter).#releaseDrain()
  }

  static #onClose (this: ServerResponse & WithWriter): void {
    (this[kWriter] as SseWriter).#stop()
  }

  #releaseDrain (): void {
    this.#raw.removeListener('drain', SseWriter.#onDrain)
    const waiter = this.#drainWaiter
    this.#drainWaiter = undefined
    waiter?.()
  }

  /** Releases a pending drain wait: the stream is over. */
  #stop (): void {
    this.#ended = true
    this.#releaseDrain()
  }
}
