import { dataList, nullable, ref, shape, type JsonSchema } from '#modules/shared/json_schema'

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
  BalancesReport: { type: 'object' },
  Statement: { type: 'object' },
}
