import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, nullable, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of currency_limits.ts (API document components). */
export const currencyLimitSchemas: Record<string, JsonSchema> = {
  CurrencyLimit: shape({
    currency: ref('Currency'),
    creditLimit: ref('Amount'),
    lowBalanceThreshold: nullable(ref('Amount')),
    ...props('boolean', 'isDefault'),
  }),
  CurrencyLimits: shape({ data: arrayOf(ref('CurrencyLimit')) }),
}
