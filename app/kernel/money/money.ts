import { Decimal } from 'decimal.js'
import { minorUnitsOf } from '#kernel/money/currencies'

/**
 * Exact decimal arithmetic for money. Rounding is half-up (四舍五入) and happens only where a
 * business rule says so (conversion into the base currency).
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP })
export type Money = Decimal

/** Largest amount one movement may carry: above it an input is a typo, not a payment. */
export const MAX_AMOUNT = new Money('100000000000') // 1e11

const DECIMAL_STRING = /^-?\d{1,20}(\.\d{1,10})?$/

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_STRING.test(value)
}

export function money(value: string | number | Decimal): Decimal {
  return new Money(value)
}

export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.')
  return dot === -1 ? 0 : value.length - dot - 1
}

/** Formats for the wire and for people: always the currency's own number of decimals. */
export function formatAmount(value: string | Decimal, currency: string): string {
  return new Money(value).toFixed(minorUnitsOf(currency), Decimal.ROUND_HALF_UP)
}

/** Groups the thousands of a decimal string for people ("-1234567.5" → "-1,234,567.5"); digits unchanged. */
export function groupThousands(value: string): string {
  const negative = value.startsWith('-')
  const [whole, fraction] = (negative ? value.slice(1) : value).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`
}

/** Converts into the base currency at `rate`, rounded half-up to the base currency's minor units. */
export function toBaseAmount(
  amount: Decimal,
  rate: string | Decimal,
  baseCurrency: string
): Decimal {
  return amount.times(rate).toDecimalPlaces(minorUnitsOf(baseCurrency), Decimal.ROUND_HALF_UP)
}
