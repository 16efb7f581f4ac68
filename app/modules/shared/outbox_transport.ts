import { mkdir, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'
import { MailResponse } from '@adonisjs/mail'

/** Writes each message as an RFC 822 .eml file (used when no SMTP server is configured). */
export class OutboxTransport implements MailTransportContract {
  private transporter = nodemailer.createTransport({ streamTransport: true, buffer: true })

  constructor(private directory: string) {}

  async send(message: NodeMailerMessage) {
    const info = await this.transporter.sendMail(message)
    await mkdir(this.directory, { recursive: true })
    const file = join(
      this.directory,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`
    )
    await writeFile(file, info.message as Buffer)
    return new MailResponse(info.messageId, info.envelope as any, { ...info, file })
  }
}
