import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: IncomingMessage['headers']
  body: string
  json: { id: string; type: string; createdAt: string; data: any }
}

/**
 * A real HTTP receiver on 127.0.0.1: records every request; `answer` decides the reply (a status,
 * or 'hang' to keep the request open until the test ends it).
 */
export async function startReceiver(port = 0) {
  const received: Received[] = []
  let answer: (request: Received) => number | 'hang' = () => 200
  const hanging: ServerResponse[] = []
  const waiters: Array<() => void> = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const entry = { headers: request.headers, body, json: JSON.parse(body) }
      received.push(entry)
      waiters.splice(0).forEach((wake) => wake())
      const reply = answer(entry)
      if (reply === 'hang') return void hanging.push(response)
      response.writeHead(reply, { 'content-type': 'text/plain' }).end(reply < 300 ? 'ok' : 'no')
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    port: address.port,
    received,
    answerWith(next: typeof answer) {
      answer = next
    },
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number, timeoutMs = 30_000) {
      const started = Date.now()
      while (received.length < count) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`${received.length} of ${count} requests`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
    },
    async close() {
      hanging.forEach((response) => response.destroy())
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
