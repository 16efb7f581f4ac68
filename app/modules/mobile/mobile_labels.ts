import { localeOf, messagesUnder } from '#kernel/i18n'
import { labelsFor } from '#reports/labels'

/** The words of the phone pages for staff (approval, balance lookup): resources/lang/<locale>/mobile.json. */
const WORDS = [
  'approval',
  'inbox',
  'noneAwaiting',
  'customer',
  'action',
  'amount',
  'level',
  'expires',
  'status',
  'requestedBy',
  'requestedAt',
  'balances',
  'balance',
  'available',
  'history',
  'requested',
  'approve',
  'reject',
  'comment',
  'decidedOk',
  'notYours',
  'search',
  'searchPlaceholder',
  'noCustomers',
  'notFound',
  'pending',
] as const
const STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const

export type MobileLabels = Record<(typeof WORDS)[number], string> & {
  lang: string
  statuses: Record<string, string>
  actions: Record<string, string>
}

export function mobileLabels(locale: string | null | undefined): MobileLabels {
  const lang = localeOf(locale)
  const messages = messagesUnder(lang, 'mobile')
  const pick = <K extends string>(names: readonly K[], prefix = '') =>
    Object.fromEntries(names.map((name) => [name, messages[`${prefix}${name}`] ?? name])) as Record<
      K,
      string
    >
  return {
    ...pick(WORDS),
    lang,
    statuses: pick(STATUSES, 'statuses.'),
    actions: labelsFor(lang).approvalActions,
  }
}
