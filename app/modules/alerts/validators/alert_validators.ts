import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { ALERT_STATUSES, RULE_TYPE_NAMES, SEVERITIES } from '#modules/alerts/rule_types'
import { amountString, pageNumber, plainDate, recordId } from '#kernel/validation_rules'

export const listAlertsValidator = vine.compile(
  vine.object({
    status: vine.enum([...ALERT_STATUSES, 'unresolved'] as const).optional(),
    severity: vine.enum(SEVERITIES).optional(),
    customerId: recordId().optional(),
    ruleType: vine.enum(RULE_TYPE_NAMES).optional(),
    page: pageNumber().optional(),
    perPage: vine.number().withoutDecimals().min(1).max(200).optional(),
  })
)

/** `node ace alerts:evaluate`: the business date to evaluate as of (default today). */
export const evaluateAlertsValidator = vine.compile(vine.object({ asOf: plainDate().optional() }))

export const alertTransitionValidator = vine.compile(
  vine.object({ note: vine.string().trim().minLength(1).maxLength(500).optional() })
)

const count = (max: number) => vine.number().withoutDecimals().min(0).max(max)

/**
 * Parameters a rule may carry (wire name `parameters`: `params` is taken by AdonisJS for route
 * params in validateUsing); which ones apply depends on its type (see rule_types.ts). */
const paramsSchema = () =>
  vine.object({
    contractPercent: vine
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/)
      .nullable()
      .optional(),
    kind: vine.enum(['receipt', 'application'] as const).optional(),
    multiple: vine
      .string()
      .trim()
      .regex(/^\d{1,4}(\.\d{1,2})?$/)
      .optional(),
    absoluteAmount: amountString().optional(),
    minHistory: count(1000).optional(),
    days: count(3650).optional(),
    hours: count(24 * 365).optional(),
  })

const ruleFields = {
  nameZh: vine.string().trim().minLength(1).maxLength(120),
  nameEn: vine.string().trim().minLength(1).maxLength(120),
  severity: vine.enum(SEVERITIES),
  enabled: vine.boolean().optional(),
  sendEmail: vine.boolean().optional(),
}

export const createRuleValidator = vine.compile(
  vine.object({
    code: vine
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,59}$/),
    ruleType: vine.enum(RULE_TYPE_NAMES),
    ...ruleFields,
    parameters: paramsSchema().optional(),
  })
)

export const updateRuleValidator = vine.compile(
  vine.object({
    nameZh: ruleFields.nameZh.optional(),
    nameEn: ruleFields.nameEn.optional(),
    severity: ruleFields.severity.optional(),
    parameters: paramsSchema().optional(),
    enabled: ruleFields.enabled,
    sendEmail: ruleFields.sendEmail,
  })
)

export type CreateRuleInput = Infer<typeof createRuleValidator>
export type UpdateRuleInput = Infer<typeof updateRuleValidator>
