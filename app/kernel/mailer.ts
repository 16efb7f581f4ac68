import env from '#start/env'
import mail from '@adonisjs/mail/services/main'

export interface OutgoingAttachment {
  filename: string
  content: Buffer
  contentType?: string
}

export type Recipient = string | { address: string; name?: string }

export interface OutgoingMail {
  to: Recipient[]
  /** copies (a statement's sales owner) */
  cc?: Recipient[]
  subject: string
  text: string
  html?: string
  attachments?: OutgoingAttachment[]
  /** extra headers (e.g. a stable id receivers can de-duplicate on) */
  headers?: Record<string, string>
  /** a fixed Message-ID: the same delivery always carries the same id */
  messageId?: string
  /** where answers go (a statement: the finance contact of the company settings) */
  replyTo?: string
}

/** Which configured mailer sends now: SMTP when SMTP_HOST is set, else the outbox files. */
export function activeMailer(): 'smtp' | 'outbox' {
  return env.get('SMTP_HOST') ? 'smtp' : 'outbox'
}

/**
 * The one place the application sends mail from (reports, alerts, approvals): config/mail.ts
 * decides the transport and the sender. Returns the Message-ID the transport reported.
 */
export async function sendMail(message: OutgoingMail): Promise<{ messageId: string }> {
  const response = await mail.use(activeMailer()).send((m) => {
    for (const to of message.to) {
      if (typeof to === 'string') m.to(to)
      else m.to(to.address, to.name)
    }
    for (const cc of message.cc ?? []) {
      if (typeof cc === 'string') m.cc(cc)
      else m.cc(cc.address, cc.name)
    }
    if (message.replyTo) m.replyTo(message.replyTo)
    m.subject(message.subject)
    m.text(message.text)
    if (message.html) m.html(message.html)
    for (const attachment of message.attachments ?? []) {
      m.attachData(attachment.content, {
        filename: attachment.filename,
        contentType: attachment.contentType,
      })
    }
    for (const [name, value] of Object.entries(message.headers ?? {})) m.header(name, value)
    if (message.messageId) m.messageId(message.messageId)
  })
  return { messageId: response.messageId }
}

/** Drops cached transports so changed SMTP settings take effect (tests, settings reload). */
export async function reloadMailTransports() {
  await mail.closeAll()
}
