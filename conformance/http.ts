import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** A response as it came off the wire: the exact bytes, so framing can be checked byte by byte. */
export interface RawResponse {
  status: number
  /** Header names in lower case; repeated headers joined as Node joins them. */
  headers: Record<string, string | string[] | undefined>
  /** The body as bytes. */
  bytes: Buffer
  /** The body decoded as UTF-8. */
  text: string
}

export interface RawRequest {
  method?: string
  /** Path and query, resolved against the base URL (`v1/chats`). */
  path: string
  headers?: Record<string, string>
  /** A string or bytes, sent as is. */
  body?: string | Buffer
  /** Give up after this long (ms). @default 30000 */
  timeoutMs?: number
}

/**
 * One HTTP request with node:http, reading the whole body. Node's own client, not `fetch`: it
 * keeps the bytes and the headers exactly as sent, and lets a check send what `fetch` refuses
 * (a malformed body, any method, a huge payload).
 */
export async function send (baseUrl: URL, options: RawRequest): Promise<RawResponse> {
  const url = new URL(options.path, baseUrl)
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest
  return await new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, timeout: options.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('error', reject)
      res.on('end', () => {
        const bytes = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes, text: bytes.toString('utf8') })
      })
    })
    req.on('timeout', () => req.destroy(new Error(`no complete response to ${options.method ?? 'GET'} /${options.path} within ${options.timeoutMs ?? 30_000} ms`)))
    req.on('error', reject)
    req.end(options.body)
  })
}

/** A header's single value (the first, if repeated); undefined when absent. */
export function header (response: RawResponse, name: string): string | undefined {
  const value = response.headers[name.toLowerCase()]
  return Array.isArray(value) ? value[0] : value
}
