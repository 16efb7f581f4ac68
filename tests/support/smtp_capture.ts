import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { simpleParser, type ParsedMail } from 'mailparser'
import env from '#start/env'
import { reloadMailTransports } from '#kernel/mailer'

export interface CapturedMail {
  /** envelope recipients (RCPT TO) */
  to: string[]
  raw: Buffer
  parsed: ParsedMail
}

/**
 * A real SMTP server in this process (127.0.0.1, random port, no STARTTLS) that keeps every message
 * it accepts. `hold` may delay or refuse a message before the server answers 250.
 */
export async function startSmtpCapture() {
  const accepted: CapturedMail[] = []
  const control: { hold?: (mail: CapturedMail) => Promise<void> | void } = {}
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks)
          const mail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed: await simpleParser(raw),
          }
          await control.hold?.(mail)
          accepted.push(mail)
          callback()
        } catch (error) {
          callback(error as Error)
        }
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return {
    port,
    accepted,
    set hold(fn: ((mail: CapturedMail) => Promise<void> | void) | undefined) {
      control.hold = fn
    },
    /** points the application's mailer (config/mail.ts) at this server */
    async useForApp() {
      env.set('SMTP_HOST', '127.0.0.1')
      env.set('SMTP_PORT', port)
      env.set('SMTP_IGNORE_TLS', true)
      await reloadMailTransports()
    },
    childEnv(): Record<string, string> {
      return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), SMTP_IGNORE_TLS: 'true' }
    },
    async close() {
      env.set('SMTP_HOST', '')
      await reloadMailTransports()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
