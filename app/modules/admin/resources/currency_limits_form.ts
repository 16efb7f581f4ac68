import db from '@adonisjs/lucid/services/db'
import type { Locale } from '#kernel/i18n'
import { displayAmount } from '#modules/admin/panel/format'

/**
 * What the "额度（按币种）" form shows before it is sent: the currencies one may pick (the
 * currencies table, so a code the ledger does not know cannot be typed) and the customer's
 * current limit and low-balance line in each currency it has one for.
 */
export async function currencyLimitsForm(customerId: number, locale: Locale) {
  const currencies = await db
    .from('currencies')
    .orderByRaw("code = 'CNY' DESC, code")
    .select('code', 'name_zh', 'name_en')
  const limits = await db
    .from('customer_currency_limits')
    .where('customer_id', customerId)
    .orderBy('currency')
    .select('currency', 'credit_limit', 'low_balance_threshold')
  return {
    currencyOptions: currencies.map((c) => ({
      value: c.code,
      label: `${c.code} ${locale === 'en' ? c.name_en : c.name_zh}`,
    })),
    currentLimits: limits.map((l) => ({
      currency: l.currency,
      creditLimit: displayAmount(l.credit_limit, l.currency),
      lowBalanceThreshold:
        l.low_balance_threshold === null ? '—' : displayAmount(l.low_balance_threshold, l.currency),
    })),
  }
}
