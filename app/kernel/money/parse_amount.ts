import { InvalidInput } from '#kernel/errors'
import { minorUnitsOf } from '#kernel/money/currencies'
import { MAX_AMOUNT, Money, decimalPlaces, isDecimalString } from '#kernel/money/money'

interface AmountRules {
  /** zero is refused unless allowed; negative values only where the movement is signed */
  allowZero?: boolean
  allowNegative?: boolean
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
