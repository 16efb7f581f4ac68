import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import {
  isRefusal,
  resolveReceiver,
  urlRefusal,
  type ResolvedAddress,
  type Resolver,
} from '#modules/webhooks/safety/receiver_address'

/**
 * One HTTP POST to a receiver an admin typed. The URL is vetted again here (the subscription-time
 * check cannot see what DNS answers later): http(s) only, no credentials, and the host resolved
 * once and judged (private targets only when allowed); the socket then connects to that very
 * address (a pinned lookup), so a name re-pointed between check and connect (DNS rebinding) cannot
 * move it. No redirects are followed (a 3xx is a failure: the receiver must name its final URL);
 * a connect time limit and a total one; at most RESPONSE_CAP bytes of the answer are read, of which
 * the first EXCERPT_BYTES are kept.
 */
export interface SendResult {
  ok: boolean
  statusCode: number | null
  durationMs: number
  error: string | null
  excerpt: string | null
}

export interface SendOptions {
  /** the whole exchange: DNS, connect, request, reading the answer */
  timeoutMs: number
  connectTimeoutMs?: number
  allowPrivate: boolean
  resolver?: Resolver
}

export const RESPONSE_CAP = 64 * 1024
const EXCERPT_BYTES = 1024

interface Answer {
  statusCode: number
  excerpt: string | null
}

export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: SendOptions
): Promise<SendResult> {
  const started = performance.now()
  const result = (fields: Partial<SendResult>): SendResult => ({
    ok: false,
    statusCode: null,
    error: null,
    excerpt: null,
    durationMs: Math.round(performance.now() - started),
    ...fields,
  })
  const refused = urlRefusal(url, options.allowPrivate)
  if (refused) return result({ error: `refused: ${refused.message}` })
  const deadline = AbortSignal.timeout(options.timeoutMs)
  try {
    const target = new URL(url)
    const resolved = await withDeadline(
      resolveReceiver(target.hostname, options.allowPrivate, options.resolver),
      deadline
    )
    if (isRefusal(resolved)) return result({ error: `refused: ${resolved.message}` })
    const answer = await post(target, resolved, headers, body, options, deadline)
    const ok = answer.statusCode >= 200 && answer.statusCode < 300
    return result({
      ok,
      statusCode: answer.statusCode,
      excerpt: answer.excerpt,
      error: ok ? null : `HTTP ${answer.statusCode}`,
    })
  } catch (error) {
    return result({ error: describe(error) })
  }
}

function post(
  target: URL,
  pinned: ResolvedAddress,
  headers: Record<string, string>,
  body: string,
  options: SendOptions,
  signal: AbortSignal
): Promise<Answer> {
  const client = target.protocol === 'https:' ? https : http
  return new Promise<Answer>((resolve, reject) => {
    const request = client.request(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinnedLookup(pinned),
      signal,
      agent: false,
    })
    const connectTimer = setTimeout(
      () => request.destroy(new Error('connect timed out')),
      options.connectTimeoutMs ?? Math.min(5000, options.timeoutMs)
    )
    request.on('socket', (socket) => {
      const connected = target.protocol === 'https:' ? 'secureConnect' : 'connect'
      socket.once(connected, () => clearTimeout(connectTimer))
    })
    request.on('response', (response) => {
      clearTimeout(connectTimer)
      readCapped(response).then(
        (excerpt) => resolve({ statusCode: response.statusCode ?? 0, excerpt }),
        reject
      )
    })
    request.on('error', (error) => {
      clearTimeout(connectTimer)
      reject(error)
    })
    request.end(body)
  })
}

/** A lookup that answers with the vetted address whatever it is asked (Node 20 may ask for all). */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: Function) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }])
    else callback(null, pinned.address, pinned.family)
  }) as LookupFunction
}

/** Reads at most RESPONSE_CAP bytes of the body, keeps the first EXCERPT_BYTES as text. */
function readCapped(response: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let read = 0
    const finish = () => {
      const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8')
      resolve(text.length ? text : null)
    }
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      read += chunk.byteLength
      // the status code decides; the rest of an oversized answer is dropped with the socket
      if (read >= RESPONSE_CAP) {
        response.destroy()
        finish()
      }
    })
    response.on('end', finish)
    // a body cut short still leaves the status code, which decides
    response.on('error', finish)
    response.on('close', finish)
  })
}

function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason)
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

function describe(error: unknown): string {
  const err = error as { name?: string; message?: string; code?: string; cause?: unknown }
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timed out'
  return [err?.message ?? String(error), err?.code].filter(Boolean).join(': ').slice(0, 500)
}
