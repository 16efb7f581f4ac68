import { company } from '#kernel/company'
import { FILE_TYPES } from '#kernel/download'
import { t, type Locale } from '#kernel/i18n'
import {
  confirmationUrl,
  signConfirmationToken,
} from '#modules/reports/confirmations/confirmation_token'
import type { RunRow } from '#modules/reports/services/run_service'

/** What a delivery's email is made of (a DeliveryRow has these columns). */
export interface MessageDelivery {
  id: number
  customer_id: number | null
  recipients: string[]
  cc?: string[]
  locale?: 'zh-CN' | 'en' | null
  pdf_sha256: string | null
  link_expires_at?: Date | null
  /** every line of a statement whose PDF lists days (issue 20) */
  xlsx?: Buffer | null
  xlsx_file_name?: string | null
}

const XLSX_TYPE = FILE_TYPES.xlsx

/** The statement's confirmation link, when it has one (statements sent since migration 0160). */
export function deliveryLink(delivery: MessageDelivery): string | null {
  if (delivery.customer_id === null || !delivery.pdf_sha256 || !delivery.link_expires_at)
    return null
  return confirmationUrl(
    signConfirmationToken(delivery.id, delivery.pdf_sha256, new Date(delivery.link_expires_at))
  )
}

/**
 * The email of a delivery: the PDF attached, in the statement's language (the customer's, else
 * the run's; the words: resources/lang/<locale>/emails.json); a statement's text carries its
 * confirmation link (对账确认), the sales owner in CC.
 */
export function deliveryMessage(
  run: RunRow,
  delivery: MessageDelivery,
  pdf: Buffer,
  fileName: string,
  messageId: string,
  /** the finance contact answers go to (company settings) */
  replyTo: string | null = null
) {
  const period = `${run.period_from} — ${run.period_to}`
  const locale: Locale = (delivery.locale ?? run.locale) === 'en' ? 'en' : 'zh-CN'
  const statement = run.kind === 'statements'
  const link = statement ? deliveryLink(delivery) : null
  const words = { company: company.name, period }
  const subject = t(
    locale,
    `emails.delivery.${statement ? 'subjectStatement' : 'subjectExecPack'}`,
    words
  )
  const text = statement
    ? t(locale, `emails.delivery.${link ? 'statementBodyLinked' : 'statementBody'}`, {
        ...words,
        link,
      })
    : t(locale, 'emails.delivery.execPackBody', words)
  return {
    to: delivery.recipients,
    ...(delivery.cc?.length ? { cc: delivery.cc } : {}),
    subject,
    text,
    ...(replyTo ? { replyTo } : {}),
    attachments: [
      { filename: fileName, content: pdf, contentType: 'application/pdf' },
      ...(delivery.xlsx && delivery.xlsx_file_name
        ? [{ filename: delivery.xlsx_file_name, content: delivery.xlsx, contentType: XLSX_TYPE }]
        : []),
    ],
    headers: { 'X-Report-Delivery': String(delivery.id) },
    messageId,
  }
}
