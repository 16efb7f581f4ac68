import { InvalidInput } from '#kernel/errors'
import { minorUnitsOf } from '#kernel/money/currencies'
import { MAX_AMOUNT, Money, decimalPlaces, isDecimalString } from '#kernel/money/money'

interface AmountRules {
  /** zero is refused unless allowed; negative values only where the movement is signed */
  allowZero?: boolean
  allowNegative?: boolean
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF0D]/g
/** Groups of three after the first digits: "220,000.00", "1,160,200" (never "2,20.5"). */
const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/

/**
 * An amount as people type it → the decimal string the rules read: full-width digits, "．", "，"
 * and "－" become ASCII, spaces go, and thousands separators are dropped when they group by three
 * ("220,000.00" → "220000.00"). Anything else is returned trimmed, to be refused by the caller.
 */
export function normalizeAmountText(value: string): string {
  const ascii = value
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u00A0\u3000]/g, '')
  return GROUPED.test(ascii) ? ascii.replaceAll(',', '') : ascii
}

/**
 * Turns a decimal string into exact money for `currency`, refusing what the currency or common sense
 * does not allow. The field name goes into the error so the caller knows what to fix.
 */
export function parseAmount(
  field: string,
  value: unknown,
  currency: string,
  rules: AmountRules = {}
): Money {
  if (typeof value === 'string') value = normalizeAmountText(value)
  if (!isDecimalString(value)) {
    throw new InvalidInput(field, 'decimal', `${field} must be a decimal string such as "1200.50"`)
  }
  const places = minorUnitsOf(currency)
  if (decimalPlaces(value) > places) {
    throw new InvalidInput(
      field,
      'decimalPlaces',
      `${field} has more than ${places} decimal places allowed for ${currency}`,
      { places, currency }
    )
  }
  const amount = new Money(value)
  if (amount.isNegative() && !rules.allowNegative) {
    throw new InvalidInput(field, 'positive', `${field} must not be negative`)
  }
  if (amount.isZero() && !rules.allowZero) {
    throw new InvalidInput(field, 'notZero', `${field} must not be zero`)
  }
  if (amount.abs().greaterThan(MAX_AMOUNT)) {
    throw new InvalidInput(
      field,
      'max',
      `${field} exceeds the largest amount one entry may carry (${MAX_AMOUNT.toFixed()})`,
      { max: MAX_AMOUNT.toFixed() }
    )
  }
  return amount
}
