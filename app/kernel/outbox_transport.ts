import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer from 'nodemailer'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

/**
 * Mail transport for machines without SMTP: each message is written, exactly as it would be sent,
 * to `<dir>/<timestamp>-<messageId>.eml` (open it in any mail client).
 */
export class OutboxTransport implements MailTransportContract {
  private composer = nodemailer.createTransport({ streamTransport: true, buffer: true })

  constructor(private dir: string) {}

  async send(message: NodeMailerMessage) {
    const info = await this.composer.sendMail(message)
    await mkdir(this.dir, { recursive: true })
    const id = info.messageId.replace(/[^A-Za-z0-9.@_-]/g, '')
    await writeFile(join(this.dir, `${Date.now()}-${id}.eml`), info.message as Buffer)
    return new MailResponse(info.messageId, info.envelope, info)
  }
}
