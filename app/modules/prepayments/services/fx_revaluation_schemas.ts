import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, props, ref, shape } from '#kernel/json_schema'

/** The wire shape of fx_revaluation.ts (API document component). */
export const fxRevaluationSchemas: Record<string, JsonSchema> = {
  FxRevaluation: shape({
    ...props('string', 'period'),
    rateDate: ref('PlainDate'),
    createdBy: ref('Id'),
    createdAt: ref('Instant'),
    baseCurrency: ref('Currency'),
    entries: arrayOf(
      shape({
        customerId: ref('Id'),
        ...props('string', 'customerCode'),
        currency: ref('Currency'),
        balance: ref('Amount'),
        heldBase: ref('Amount'),
        rate: ref('Rate'),
        revaluedBase: ref('Amount'),
        gain: ref('Amount'),
        journalId: ref('Id'),
        reversalJournalId: ref('Id'),
      })
    ),
    total: ref('Amount'),
  }),
}
