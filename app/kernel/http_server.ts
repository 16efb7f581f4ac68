import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import compression from 'compression'

/** The longest request id kept from a client (the audit log stores up to 64 characters). */
const MAX_CLIENT_REQUEST_ID = 64
const CLIENT_REQUEST_ID = /^[\w.:-]+$/

/**
 * Pages and scripts people download are compressed (gzip or brotli, as the browser accepts): the
 * panel's page carries AdminJS's state (~600 KB) and its bundles ~3 MB, about a fifth of that
 * compressed. API answers are small and latency-bound: left as they are.
 */
const COMPRESSED_PATHS = /^\/(admin|api\/docs|s\/|m\/)/
const compress = compression({
  threshold: 2048,
  filter: (req, res) => COMPRESSED_PATHS.test(req.url ?? '') && compression.filter(req, res),
})

/**
 * The Node HTTP server for AdonisJS's handler. Every request gets its id (X-Request-Id, echoed in
 * the response and stored on every audit row) here, before AdonisJS reads it: a client's own id
 * when it is a short token, otherwise a random UUID (cheaper than AdonisJS's cuid, and a client
 * cannot push an overlong or odd id into the audit log). Every response, errors included, says
 * `X-Content-Type-Options: nosniff`, so no browser runs a JSON or CSV answer as a script or page.
 */
export function createHttpServer(handle: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return createServer((req, res) => {
    const given = req.headers['x-request-id']
    if (
      typeof given !== 'string' ||
      given.length > MAX_CLIENT_REQUEST_ID ||
      !CLIENT_REQUEST_ID.test(given)
    ) {
      req.headers['x-request-id'] = randomUUID()
    }
    res.setHeader('X-Content-Type-Options', 'nosniff')
    compress(req as any, res as any, () => handle(req, res))
  })
}
