import { labelsFor } from '#reports/labels'

/** The confirmation pages' words, zh-CN first (the customer's statement language decides). */
const zh = {
  lang: 'zh-CN',
  title: '对账确认',
  other: 'English',
  otherLang: 'en',
  customer: '客户',
  period: '对账期间',
  to: '至',
  opening: '期初余额',
  received: '本期收款',
  used: '本期使用',
  closing: '期末余额',
  movements: '本期明细',
  noMovements: '本期无发生额',
  balance: '余额',
  download: '下载对账单 PDF',
  confirm: '确认无误（与我方记录相符）',
  confirmHint: '核对相符请点击确认，无需签章回传。',
  dispute: '提出异议',
  disputeHint: '如与贵司记录不符，请说明差异，可附图片或 PDF（不超过 5 MB）。',
  comment: '差异说明',
  attachment: '附件（可选）',
  submitDispute: '提交异议',
  confirmedAt: '您已于 {at} 确认本对账单与贵司记录相符。谢谢！',
  disputedAt: '您已于 {at} 对本对账单提出异议，我司财务将尽快与您联系。',
  superseded: '本对账单已被更新的对账单取代，请以最新邮件中的链接为准。',
  refused: '本对账单已答复，不能再更改。如需更正，请联系我司财务。',
  notFoundTitle: '链接无效',
  notFound: '此链接无效或已过期。如需对账单，请联系我司财务。',
  tooLarge: '附件不能超过 5 MB。',
  badType: '附件只能是图片（JPG、PNG、WebP、HEIC）或 PDF。',
  commentRequired: '请填写差异说明（不超过 2000 字）。',
  kinds: labelsFor('zh-CN').kinds,
}

export type ConfirmationLabels = typeof zh

const en: ConfirmationLabels = {
  lang: 'en',
  title: 'Statement confirmation',
  other: '中文',
  otherLang: 'zh-CN',
  customer: 'Customer',
  period: 'Period',
  to: 'to',
  opening: 'Opening balance',
  received: 'Received',
  used: 'Used',
  closing: 'Closing balance',
  movements: 'Movements',
  noMovements: 'No movements in this period',
  balance: 'Balance',
  download: 'Download the statement (PDF)',
  confirm: 'Confirm: it agrees with our records',
  confirmHint: 'If the statement agrees with your records, confirm it here; no signed copy needed.',
  dispute: 'Dispute',
  disputeHint:
    'If it does not agree with your records, describe the difference; you may attach an image or a PDF (up to 5 MB).',
  comment: 'The difference',
  attachment: 'Attachment (optional)',
  submitDispute: 'Send the dispute',
  confirmedAt: 'You confirmed this statement on {at}. Thank you!',
  disputedAt: 'You disputed this statement on {at}; our finance team will contact you shortly.',
  superseded: 'A newer statement replaces this one: please use the link in the latest email.',
  refused:
    'This statement has been answered already. To correct it, please contact our finance team.',
  notFoundTitle: 'Link not valid',
  notFound:
    'This link is not valid or has expired. Please contact our finance team for your statement.',
  tooLarge: 'The attachment may not exceed 5 MB.',
  badType: 'The attachment must be an image (JPG, PNG, WebP, HEIC) or a PDF.',
  commentRequired: 'Please describe the difference (up to 2,000 characters).',
  kinds: labelsFor('en').kinds,
}

export function confirmationLabels(locale: string | null | undefined): ConfirmationLabels {
  return locale === 'en' ? en : zh
}
