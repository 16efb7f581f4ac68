/**
 * One HTTP POST to a receiver an admin typed: http(s) only, no redirects followed (a 3xx is a
 * failure: the receiver must name its final URL), a total time limit, and at most RESPONSE_CAP
 * bytes of the answer read (the rest is dropped), of which the first EXCERPT_BYTES are kept.
 */
export interface SendResult {
  ok: boolean
  statusCode: number | null
  durationMs: number
  error: string | null
  excerpt: string | null
}

const RESPONSE_CAP = 64 * 1024
const EXCERPT_BYTES = 1024

export function isHttpUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:'
  } catch {
    return false
  }
}

export async function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number
): Promise<SendResult> {
  const started = performance.now()
  const elapsed = () => Math.round(performance.now() - started)
  if (!isHttpUrl(url)) {
    return {
      ok: false,
      statusCode: null,
      durationMs: 0,
      error: 'not an http(s) URL',
      excerpt: null,
    }
  }
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    const excerpt = await readCapped(response)
    const ok = response.status >= 200 && response.status < 300
    return {
      ok,
      statusCode: response.status,
      durationMs: elapsed(),
      error: ok ? null : `HTTP ${response.status}`,
      excerpt,
    }
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      durationMs: elapsed(),
      error: describe(error),
      excerpt: null,
    }
  }
}

/** Reads at most RESPONSE_CAP bytes of the body, keeps the first EXCERPT_BYTES as text. */
async function readCapped(response: Response): Promise<string | null> {
  if (!response.body) return null
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let read = 0
  try {
    while (read < RESPONSE_CAP) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      read += value.byteLength
    }
  } catch {
    // a body cut short still leaves the status code, which decides
  } finally {
    await reader.cancel().catch(() => {})
  }
  const text = Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8')
  return text.length ? text : null
}

function describe(error: unknown): string {
  const err = error as {
    name?: string
    message?: string
    cause?: { code?: string; message?: string }
  }
  if (err?.name === 'TimeoutError') return 'timed out'
  const cause = err?.cause?.code ?? err?.cause?.message
  return [err?.message ?? String(error), cause].filter(Boolean).join(': ').slice(0, 500)
}
