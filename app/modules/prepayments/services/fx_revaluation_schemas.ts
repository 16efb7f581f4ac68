import { ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shape of fx_revaluation.ts (API document component). */
export const fxRevaluationSchemas: Record<string, JsonSchema> = {
  FxRevaluation: shape({
    period: { type: 'string' },
    rateDate: ref('PlainDate'),
    createdBy: ref('Id'),
    createdAt: ref('Instant'),
    baseCurrency: ref('Currency'),
    entries: {
      type: 'array',
      items: shape({
        customerId: ref('Id'),
        customerCode: { type: 'string' },
        currency: ref('Currency'),
        balance: ref('Amount'),
        heldBase: ref('Amount'),
        rate: ref('Rate'),
        revaluedBase: ref('Amount'),
        gain: ref('Amount'),
        journalId: ref('Id'),
        reversalJournalId: ref('Id'),
      }),
    },
    total: ref('Amount'),
  }),
}
