import { DateTime } from 'luxon'
import { fill, renderPage } from '#reports/pages'
import { confirmationLabels, type ConfirmationLabels } from './confirmation_labels.js'
import type { ConfirmationRow } from './confirmation_store.js'

/** The language of the page: ?lang= when given, else the statement's own. */
export function pageLocale(row: ConfirmationRow | null, asked: unknown): 'zh-CN' | 'en' {
  if (asked === 'en' || asked === 'zh-CN') return asked
  return row?.locale === 'en' ? 'en' : 'zh-CN'
}

/** What the page says about the statement's state (null while it waits for an answer). */
function stateMessage(row: ConfirmationRow, t: ConfirmationLabels, at: (d: Date) => string) {
  switch (row.status) {
    case 'confirmed':
      return { message: fill(t.confirmedAt, { at: at(row.answered_at!) }), messageClass: 'ok' }
    case 'disputed':
      return { message: fill(t.disputedAt, { at: at(row.answered_at!) }), messageClass: 'warn' }
    case 'superseded':
      return { message: t.superseded, messageClass: 'notice' }
    default:
      return { message: null, messageClass: '' }
  }
}

/** The statement as sent (its snapshot), for people: signed amounts, labels in the page's language. */
export async function renderConfirmationPage(
  row: ConfirmationRow,
  token: string,
  locale: 'zh-CN' | 'en',
  extra: { error?: string; comment?: string } = {}
) {
  const t = confirmationLabels(locale)
  const snapshot = row.snapshot ?? { sections: [] }
  const at = (value: Date) =>
    DateTime.fromJSDate(new Date(value))
      .setZone(snapshot.company?.timezone ?? 'Asia/Shanghai')
      .toFormat('yyyy-MM-dd HH:mm')
  const sections = (snapshot.sections as any[]).map((section) => ({
    ...section,
    rows: (section.rows as any[]).map((r) => {
      const credit = !/^-?0(\.0+)?$/.test(r.credit)
      return {
        date: r.date,
        kind: t.kinds[r.kind] ?? r.kind,
        journalNo: r.journalNo,
        reference: r.documentNo ?? r.projectCode ?? null,
        sign: credit ? '+' : '−',
        amount: credit ? r.credit : r.debit,
        balance: r.balance,
      }
    }),
  }))
  const state = stateMessage(row, t, at)
  return renderPage('statement_confirmation', {
    t,
    lang: locale,
    title: `${t.title} · ${row.customer_name}`,
    base: `/s/${token}`,
    customer: { name: row.customer_name, code: row.customer_code },
    period: { from: row.period_from, to: row.period_to },
    sections,
    canAnswer: row.status === 'sent' || row.status === 'viewed',
    message: state.message,
    messageClass: state.messageClass,
    error: extra.error ?? null,
    comment: extra.comment ?? '',
  })
}

export function renderNotFound() {
  return renderPage('not_found', {
    lang: 'zh-CN',
    title: `${confirmationLabels('zh-CN').notFoundTitle} · ${confirmationLabels('en').notFoundTitle}`,
    zh: confirmationLabels('zh-CN'),
    en: confirmationLabels('en'),
  })
}
