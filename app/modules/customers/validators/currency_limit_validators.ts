import vine from '@vinejs/vine'
import { amountString, currencyCode } from '#kernel/validation_rules'

/** PUT /customers/:id/limits: one currency's row; an absent field keeps its value. */
export const currencyLimitValidator = vine.compile(
  vine.object({
    currency: currencyCode(),
    creditLimit: amountString().optional(),
    lowBalanceThreshold: amountString().nullable().optional(),
  })
)
