import vine from '@vinejs/vine'
import { recordId } from '#kernel/validation_rules'
import { PERIOD_RULES } from '#modules/reports/services/report_period'
import { GROUP_BY } from '#modules/reports/services/balances_report'

const schedule = {
  name: vine.string().trim().minLength(1).maxLength(120),
  kind: vine.enum(['statements', 'exec_pack'] as const),
  cron: vine.string().trim().maxLength(120),
  timezone: vine.string().trim().maxLength(64),
  periodRule: vine.enum(PERIOD_RULES),
  locale: vine.enum(['zh-CN', 'en'] as const),
  customerIds: vine.array(recordId()).maxLength(10000).nullable(),
  recipients: vine.array(vine.string().trim().email().maxLength(254)).maxLength(100),
  enabled: vine.boolean({ strict: true }),
}

export const createScheduleValidator = vine.compile(
  vine.object({
    ...schedule,
    timezone: schedule.timezone.optional(),
    locale: schedule.locale.optional(),
    customerIds: schedule.customerIds.optional(),
    recipients: schedule.recipients.optional(),
    enabled: schedule.enabled.optional(),
  })
)

export const updateScheduleValidator = vine.compile(
  vine.object({
    name: schedule.name.optional(),
    kind: schedule.kind.optional(),
    cron: schedule.cron.optional(),
    timezone: schedule.timezone.optional(),
    periodRule: schedule.periodRule.optional(),
    locale: schedule.locale.optional(),
    customerIds: schedule.customerIds.optional(),
    recipients: schedule.recipients.optional(),
    enabled: schedule.enabled.optional(),
  })
)

export const resendValidator = vine.compile(
  vine.object({
    to: vine
      .array(vine.string().trim().email().maxLength(254))
      .minLength(1)
      .maxLength(20)
      .optional(),
  })
)

export const balancesQueryValidator = vine.compile(
  vine.object({
    groupBy: vine.enum(GROUP_BY),
    format: vine.enum(['json', 'csv', 'xlsx'] as const).optional(),
  })
)

/** POST /reports/balances/exports: the report's grouping and file format (the period: parsePeriod). */
export const balancesExportValidator = vine.compile(
  vine.object({
    groupBy: vine.enum(GROUP_BY),
    format: vine.enum(['csv', 'xlsx'] as const),
    from: vine.string(),
    to: vine.string(),
  })
)

export const deliveriesQueryValidator = vine.compile(
  vine.object({
    runId: recordId().optional(),
    customerId: recordId().optional(),
    status: vine.enum(['pending', 'sending', 'sent', 'failed', 'skipped'] as const).optional(),
    limit: vine.number().withoutDecimals().range([1, 500]).optional(),
  })
)

export const runsQueryValidator = vine.compile(
  vine.object({
    status: vine.enum(['running', 'completed', 'failed'] as const).optional(),
    limit: vine.number().withoutDecimals().range([1, 200]).optional(),
  })
)
