import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fontSubsetBytes } from '#reports/fonts'

let origin: Promise<string> | undefined

/**
 * A loopback HTTP server in the rendering process answering `/fonts/<subset>.woff2` from the font
 * files, cacheable for a year. A page links its fonts here instead of carrying ~900 KB of base64
 * in every document, so across the thousands of statements a page prints in a month-end run
 * Chromium fetches and decodes each subset once (issue 20).
 */
export function printAssetOrigin(): Promise<string> {
  if (!origin) {
    origin = new Promise((resolve, reject) => {
      const server = createServer((request, response) => {
        const name = /^\/fonts\/([\w.-]+\.woff2)$/.exec(request.url ?? '')?.[1]
        const bytes = name ? fontSubsetBytes(name) : null
        if (!bytes) {
          response.writeHead(404).end()
          return
        }
        response.writeHead(200, {
          'content-type': 'font/woff2',
          'cache-control': 'public, max-age=31536000, immutable',
          'access-control-allow-origin': '*',
        })
        response.end(bytes)
      })
      server.once('error', reject)
      server.unref() // never keeps a process alive on its own
      server.listen(0, '127.0.0.1', () => {
        resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
      })
    })
  }
  return origin
}
