import type { Money } from '#kernel/money/money'
import { formatAmount, groupThousands } from '#kernel/money/money'
import { localeOf, t, type Locale } from '#kernel/i18n'

/**
 * Alert messages come from the catalogues (resources/lang/<locale>/alerts.json, `alerts.messages.*`).
 * An alert stores a message key and language-neutral params (amounts already formatted with their
 * currency); it is rendered in the reader's locale.
 */
export { localeOf, type Locale }
export type MessageParams = Record<string, string | number>

const SEVERITIES = ['info', 'warning', 'critical'] as const

/** Severity names per language, read from the catalogue when asked (after the catalogues load). */
export const SEVERITY_LABELS: Record<string, Record<Locale, string>> = Object.fromEntries(
  SEVERITIES.map((severity) => [
    severity,
    {
      get 'zh-CN'() {
        return t('zh-CN', `alerts.severity.${severity}`)
      },
      get 'en'() {
        return t('en', `alerts.severity.${severity}`)
      },
    },
  ])
)

export function renderMessage(key: string, params: MessageParams, locale: Locale): string {
  const kind = params.kind === undefined ? '' : t(locale, `alerts.kinds.${params.kind}`)
  return t(locale, `alerts.messages.${key}`, { ...params, kind })
}

export function renderBoth(key: string, params: MessageParams) {
  return { 'zh-CN': renderMessage(key, params, 'zh-CN'), 'en': renderMessage(key, params, 'en') }
}

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: 'US$', EUR: '€', HKD: 'HK$', GBP: '£' }

/** An amount for people: currency symbol, thousands separators, the currency's decimals. */
export function displayMoney(value: string | Money, currency: string): string {
  const grouped = groupThousands(formatAmount(value, currency))
  const negative = grouped.startsWith('-')
  const symbol = SYMBOLS[currency] ?? `${currency} `
  return `${negative ? '-' : ''}${symbol}${negative ? grouped.slice(1) : grouped}`
}
