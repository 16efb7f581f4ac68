import { inject } from '@adonisjs/core'
import { Mailer } from '@adonisjs/mail'
import type { MailTransportContract } from '@adonisjs/mail/types'

export interface OutgoingMail {
  to: { address: string; name?: string }
  subject: string
  text: string
  html?: string
}

/**
 * The one place modules send mail through (alerts, reports…). Uses the default mailer of
 * config/mail.ts: SMTP when configured, else .eml files in the outbox.
 */
@inject()
export class MailSender {
  constructor(private mailer: Mailer<MailTransportContract>) {}

  async send(mail: OutgoingMail) {
    return this.mailer.send((message) => {
      message.to(mail.to.address, mail.to.name).subject(mail.subject).text(mail.text)
      if (mail.html) message.html(mail.html)
    })
  }
}
