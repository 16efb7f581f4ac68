import vine from '@vinejs/vine'
import { currencyCode, plainDate } from '#kernel/validation_rules'
import { JOURNAL_KINDS } from '#modules/prepayments/public'

/** The 360 page's movement filters (GET /admin/customers/:id/360?currency&from&to&kind&page). */
export const customer360QueryValidator = vine.compile(
  vine.object({
    currency: currencyCode().optional(),
    from: plainDate().optional(),
    to: plainDate().optional(),
    kind: vine.enum(JOURNAL_KINDS).optional(),
    page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
    perPage: vine.number().withoutDecimals().min(5).max(200).optional(),
  })
)
