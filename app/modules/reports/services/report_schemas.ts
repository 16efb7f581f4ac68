import { dataList, nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of report schedules, deliveries and report models (API components). */
export const reportSchemas: Record<string, JsonSchema> = {
  ReportSchedule: shape({
    id: ref('Id'),
    name: { type: 'string' },
    kind: { type: 'string' },
    cron: { type: 'string' },
    timezone: { type: 'string' },
    periodRule: { type: 'string' },
    locale: { type: 'string' },
    customerIds: { type: ['array', 'null'], items: ref('Id') },
    recipients: { type: 'array', items: { type: 'string' } },
    enabled: { type: 'boolean' },
    nextRunAt: nullable({ type: 'string' }),
  }),
  ReportScheduleList: dataList(ref('ReportSchedule')),
  ReportDeliveryList: dataList(shape({ id: ref('Id'), status: { type: 'string' } })),
  BalancesReport: shape({
    groupBy: { type: 'string' },
    from: ref('PlainDate'),
    to: ref('PlainDate'),
    baseCurrency: ref('Currency'),
    columns: { type: 'array', items: { type: 'string' } },
    rows: {
      type: 'array',
      items: shape({
        key: {},
        label: { type: ['string', 'null'] },
        currency: ref('Currency'),
        opening: ref('Amount'),
        received: ref('Amount'),
        applied: ref('Amount'),
        refunded: ref('Amount'),
        adjusted: ref('Amount'),
        closing: ref('Amount'),
        closingBase: ref('Amount'),
      }),
    },
  }),
  Statement: shape({
    kind: { const: 'statement' },
    locale: { enum: ['zh-CN', 'en'] },
    statementNo: { type: 'string', pattern: '^DZ\\d{4}-\\d{6}$' },
    customer: shape({ id: ref('Id'), code: { type: 'string' }, name: { type: 'string' } }),
    period: shape({ from: ref('PlainDate'), to: ref('PlainDate') }),
    generatedOn: ref('PlainDate'),
    ledgerPosition: { type: 'integer', minimum: 0 },
    sections: {
      type: 'array',
      items: shape({
        currency: ref('Currency'),
        openingBalance: ref('Amount'),
        totalDebit: ref('Amount'),
        totalCredit: ref('Amount'),
        closingBalance: ref('Amount'),
        rows: { type: 'array', items: { type: 'object' } },
      }),
    },
  }),
}
