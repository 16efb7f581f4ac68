import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export interface CountedMail {
  to: string[]
  messageId: string | null
  deliveryId: string | null
  at: number
}

/** A header's value from a raw message's header block (no MIME parsing: the bench keeps its CPU). */
function header(head: string, name: string): string | null {
  const match = new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(head)
  return match ? match[1].trim() : null
}

/**
 * A local SMTP server (127.0.0.1, random port, no STARTTLS) that accepts every message and keeps
 * its envelope recipients, Message-ID and X-Report-Delivery header: what the month-end bench
 * counts to prove each customer got exactly one statement.
 */
export async function startSmtpCounter() {
  const mails: CountedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onData(stream, session, callback) {
      let head = ''
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 16_384 && !head.includes('\r\n\r\n')) head += chunk.toString('latin1')
      })
      stream.on('end', () => {
        const block = head.split('\r\n\r\n')[0].replace(/\r\n[ \t]+/g, ' ')
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          messageId: header(block, 'Message-ID'),
          deliveryId: header(block, 'X-Report-Delivery'),
          at: Date.now(),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    mails,
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_IGNORE_TLS: 'true' },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Recipients that got other than exactly one message, and Message-IDs seen more than once. */
export function exactlyOnce(mails: CountedMail[], expected: string[]) {
  const perRecipient = new Map<string, number>()
  for (const mail of mails) {
    for (const to of mail.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1)
  }
  const wrong = expected.filter((address) => perRecipient.get(address) !== 1)
  const ids = new Map<string, number>()
  for (const mail of mails) {
    if (mail.messageId) ids.set(mail.messageId, (ids.get(mail.messageId) ?? 0) + 1)
  }
  const repeatedIds = [...ids].filter(([, n]) => n > 1).map(([id]) => id)
  return {
    wrong,
    repeatedIds,
    messages: mails.length,
    missingIds: mails.filter((m) => !m.messageId).length,
  }
}
