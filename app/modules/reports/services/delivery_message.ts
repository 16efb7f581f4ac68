import { company } from '#kernel/company'
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

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

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
 * the run's); a statement's text carries its confirmation link (对账确认), the sales owner in CC.
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
  const zh = (delivery.locale ?? run.locale) !== 'en'
  const statement = run.kind === 'statements'
  const link = statement ? deliveryLink(delivery) : null
  const subject = zh
    ? `【${company.name}】${statement ? '客户预付款对账单' : '预收款管理月报'} ${period}`
    : `[${company.name}] ${statement ? 'Statement of customer advances' : 'Executive report'} ${period}`
  const answer = link
    ? zh
      ? `请点击以下链接在线核对并确认（与我方记录相符）或提出异议：\n${link}\n\n`
      : `Please confirm it (it agrees with your records) or tell us of a difference online:\n${link}\n\n`
    : ''
  const text = zh
    ? statement
      ? `您好：\n\n附件是贵司 ${period} 的预付款对账单，请核对。${link ? '' : '如核对相符，请签章后回传；如有差异，请与我司财务联系。'}\n\n${answer}${company.name} 财务部`
      : `附件是 ${period} 的预收款管理月报。\n\n${company.name}`
    : statement
      ? `Dear customer,\n\nattached is your statement of advances for ${period}. Please check it${link ? '.' : ' and confirm, or tell us of any difference.'}\n\n${answer}${company.name}, Finance`
      : `Attached is the executive report for ${period}.\n\n${company.name}`
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
