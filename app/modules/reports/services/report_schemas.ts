import type { JsonSchema } from '#kernel/json_schema'
import {
  arrayOf,
  dataList,
  nullable,
  nullableArrayOf,
  nullableProps,
  props,
  ref,
  shape,
} from '#kernel/json_schema'

/** The wire shapes of report schedules, deliveries and report models (API components). */
export const reportSchemas: Record<string, JsonSchema> = {
  ReportSchedule: shape({
    id: ref('Id'),
    ...props('string', 'name kind cron timezone periodRule locale'),
    customerIds: nullableArrayOf(ref('Id')),
    recipients: arrayOf({ type: 'string' }),
    ...props('boolean', 'enabled'),
    nextRunAt: nullable({ type: 'string' }),
  }),
  ReportScheduleList: dataList(ref('ReportSchedule')),
  ReportRun: shape({
    id: ref('Id'),
    ...props('string', 'kind status'),
    periodFrom: ref('PlainDate'),
    periodTo: ref('PlainDate'),
    progress: shape({
      ...props('integer', 'total done sent skipped failed sending pending'),
      ratePerMinute: nullable({ type: 'number' }),
      etaSeconds: nullable({ type: 'integer' }),
    }),
  }),
  ReportRunList: dataList(ref('ReportRun')),
  ReportDeliveryList: dataList(shape({ id: ref('Id'), ...props('string', 'status') })),
  BalancesReport: shape({
    ...props('string', 'groupBy'),
    from: ref('PlainDate'),
    to: ref('PlainDate'),
    baseCurrency: ref('Currency'),
    columns: arrayOf({ type: 'string' }),
    rows: arrayOf(
      shape({
        key: {},
        ...nullableProps('string', 'label'),
        currency: ref('Currency'),
        opening: ref('Amount'),
        received: ref('Amount'),
        applied: ref('Amount'),
        refunded: ref('Amount'),
        adjusted: ref('Amount'),
        closing: ref('Amount'),
        closingBase: ref('Amount'),
      })
    ),
  }),
  Statement: shape({
    kind: { const: 'statement' },
    locale: { enum: ['zh-CN', 'en'] },
    statementNo: { type: 'string', pattern: '^DZ\\d{4}-\\d{6}$' },
    customer: shape({ id: ref('Id'), ...props('string', 'code name') }),
    period: shape({ from: ref('PlainDate'), to: ref('PlainDate') }),
    generatedOn: ref('PlainDate'),
    ledgerPosition: { type: 'integer', minimum: 0 },
    sections: arrayOf(
      shape({
        currency: ref('Currency'),
        openingBalance: ref('Amount'),
        totalDebit: ref('Amount'),
        totalCredit: ref('Amount'),
        closingBalance: ref('Amount'),
        rows: arrayOf({ type: 'object' }),
      })
    ),
  }),
}
