import { errors as vineErrors } from '@vinejs/vine'
import { ApiError } from '#kernel/errors'
import { companyToday } from '#kernel/company'
import { CURRENCY_CODES } from '#kernel/money/currencies'
import { parseAmount } from '#kernel/money/parse_amount'
import type { RowErrors } from '#modules/imports/services/row_errors'

/** Vine's rule names as the import's rules. */
const VINE_RULES: Record<string, string> = {
  required: 'required',
  regex: 'format',
  email: 'format',
  maxLength: 'too_long',
  enum: 'format',
  in: 'currency',
  date: 'date',
}

/**
 * Runs an API validator on a row's values and records its refusals on the row (the same rules as
 * the API, reported by column). Returns the validated value, or null.
 */
export async function validateRow<T>(
  errors: RowErrors,
  row: number,
  validator: { validate(data: unknown): Promise<T> },
  data: Record<string, unknown>,
  fieldOf: (apiField: string) => string = (f) => f
): Promise<T | null> {
  try {
    return await validator.validate(data)
  } catch (error) {
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    for (const problem of error.messages as Array<{ field: string; rule: string; meta?: any }>) {
      const field = fieldOf(problem.field)
      errors.add(row, field, VINE_RULES[problem.rule] ?? 'invalid', {
        value: String(data[problem.field] ?? ''),
        detail: problem.rule,
        max: problem.meta?.max,
      })
    }
    return null
  }
}

/** An amount for the currency by the API's rules (parseAmount); the refusal goes on the row. */
export function checkAmount(
  errors: RowErrors,
  row: number,
  field: string,
  value: string,
  currency: string,
  rules: { allowNegative?: boolean; allowZero?: boolean } = {}
) {
  if (!value) {
    if (!rules.allowZero) errors.add(row, field, 'required')
    return null
  }
  try {
    return parseAmount(field, value, currency, rules)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    errors.add(row, field, error.details[0].rule, { value })
    return null
  }
}

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/

/** A date as YYYY-MM-DD (Excel dates, 2026/1/5 and a trailing time are accepted), not in the future. */
export function checkDate(errors: RowErrors, row: number, field: string, value: string) {
  if (!value) {
    errors.add(row, field, 'required')
    return null
  }
  const match = DATE.exec(value)
  const date = match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : ''
  const parsed = new Date(`${date}T00:00:00Z`)
  if (!match || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    errors.add(row, field, 'date', { value })
    return null
  }
  if (date > companyToday()) {
    errors.add(row, field, 'notFuture', { value })
    return null
  }
  return date
}

export function checkCurrency(errors: RowErrors, row: number, field: string, value: string) {
  const code = value.trim().toUpperCase()
  if (!code) errors.add(row, field, 'required')
  else if (!(CURRENCY_CODES as readonly string[]).includes(code)) {
    errors.add(row, field, 'currency', { value })
  } else return code
  return null
}

/** Remembers the first row of each key and reports later ones as duplicates. */
export class FirstSeen {
  private seen = new Map<string, number>()

  check(errors: RowErrors, row: number, field: string, key: string, value = key) {
    const first = this.seen.get(key)
    if (first !== undefined) {
      errors.add(row, field, 'duplicate_in_file', { first, value })
      return false
    }
    this.seen.set(key, row)
    return true
  }
}

/**
 * A historical movement's external reference (外部单号, its row key): present, at most 200
 * characters, and (when `seen` is given) not twice in the file.
 */
export function checkExternalRef(errors: RowErrors, row: number, value: string, seen?: FirstSeen) {
  if (!value) errors.add(row, 'externalRef', 'required')
  else if (value.length > 200) errors.add(row, 'externalRef', 'too_long', { max: 200 })
  else seen?.check(errors, row, 'externalRef', value)
}
