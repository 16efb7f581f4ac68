import { nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of currency_limits.ts (API document components). */
export const currencyLimitSchemas: Record<string, JsonSchema> = {
  CurrencyLimit: shape({
    currency: ref('Currency'),
    creditLimit: ref('Amount'),
    lowBalanceThreshold: nullable(ref('Amount')),
    isDefault: { type: 'boolean' },
  }),
  CurrencyLimits: shape({ data: { type: 'array', items: ref('CurrencyLimit') } }),
}
