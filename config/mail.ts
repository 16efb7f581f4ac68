import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/mail'
import { SMTPTransport } from '@adonisjs/mail/transports/smtp'
import { OutboxTransport } from '#modules/shared/outbox_transport'

/**
 * Mail goes over SMTP when SMTP_HOST is set; otherwise each message is written as an .eml file to
 * tmp/outbox (development, demos). The SMTP settings are read when the transport is first used,
 * so a process (or a test) may point it at another server and call `mail.close('smtp')`.
 */
const mailConfig = defineConfig({
  default: env.get('SMTP_HOST') ? 'smtp' : 'outbox',
  from: { address: env.get('MAIL_FROM', 'noreply@advance-ledger.local'), name: '' },
  mailers: {
    smtp: () =>
      new SMTPTransport({
        host: env.get('SMTP_HOST') ?? '127.0.0.1',
        port: env.get('SMTP_PORT', 587),
        secure: env.get('SMTP_SECURE', false),
        ignoreTLS: env.get('SMTP_IGNORE_TLS', false),
        auth: env.get('SMTP_USER')
          ? { type: 'login', user: env.get('SMTP_USER')!, pass: env.get('SMTP_PASSWORD') ?? '' }
          : undefined,
      }),
    outbox: () => new OutboxTransport(app.tmpPath('outbox')),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
