import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { OutboxTransport } from '#kernel/outbox_transport'

/**
 * Outgoing mail. With SMTP_HOST set, mail goes through that SMTP server; without it, every message
 * is written as an .eml file to MAIL_OUTBOX_DIR (default tmp/outbox) so nothing is lost or sent by
 * accident. The SMTP settings are read when the transport is first built, so a process (or a test)
 * may point it at another server and call reloadMailTransports().
 */
const mailConfig = defineConfig({
  default: env.get('SMTP_HOST') ? 'smtp' : 'outbox',
  from: {
    address: env.get('MAIL_FROM_ADDRESS') ?? 'noreply@advance-ledger.local',
    name: env.get('MAIL_FROM_NAME') ?? 'AdvanceLedger',
  },
  mailers: {
    smtp: () =>
      new SMTPTransport({
        host: env.get('SMTP_HOST') ?? '127.0.0.1',
        // connections are kept and reused: a month-end run sends thousands of messages
        pool: true,
        maxConnections: 2,
        port: env.get('SMTP_PORT') ?? 587,
        secure: env.get('SMTP_SECURE') ?? false,
        ignoreTLS: env.get('SMTP_IGNORE_TLS') ?? false,
        auth: env.get('SMTP_USERNAME')
          ? { type: 'login', user: env.get('SMTP_USERNAME')!, pass: env.get('SMTP_PASSWORD') ?? '' }
          : undefined,
      }),
    outbox: () => new OutboxTransport(app.makePath(env.get('MAIL_OUTBOX_DIR') ?? 'tmp/outbox')),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
