import vine from '@vinejs/vine'
import { STATEMENT_PROFILES } from '#modules/banking/parsers/parse_statement'
import { amountString, currencyCode, plainDate, recordId } from '#kernel/validation_rules'

export const bankAccountValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    bankName: vine.string().trim().maxLength(120).optional(),
    accountNo: vine.string().trim().minLength(1).maxLength(64),
    currency: currencyCode(),
    channel: vine.enum(['bank_transfer', 'wechat', 'alipay'] as const).optional(),
  })
)

export const statementUploadValidator = vine.compile(
  vine.object({
    bankAccountId: vine.number().withoutDecimals().positive(),
    profile: vine.enum(STATEMENT_PROFILES).optional(),
    file: vine.file({ size: '20mb' }),
  })
)

export const BANK_LINE_STATUSES = ['unmatched', 'suggested', 'matched', 'ignored', 'open'] as const

export const bankLinesQueryValidator = vine.compile(
  vine.object({
    status: vine.enum(BANK_LINE_STATUSES).optional(),
    bankAccountId: recordId().optional(),
    statementId: recordId().optional(),
    from: plainDate().optional(),
    to: plainDate().optional(),
    beforeId: recordId().optional(),
    limit: vine.number().withoutDecimals().range([1, 500]).optional(),
  })
)

export const bankStatementsQueryValidator = vine.compile(
  vine.object({
    bankAccountId: recordId().optional(),
    beforeId: recordId().optional(),
    limit: vine.number().withoutDecimals().range([1, 500]).optional(),
  })
)

export const confirmLineValidator = vine.compile(
  vine.object({
    suggestionId: recordId().optional(),
    customerId: recordId().optional(),
    projectId: recordId().optional(),
    journalId: recordId().optional(),
    entryDate: plainDate().optional(),
  })
)

export const splitLineValidator = vine.compile(
  vine.object({
    parts: vine
      .array(
        vine.object({
          customerId: recordId(),
          projectId: recordId().optional(),
          amount: amountString(),
        })
      )
      .minLength(2)
      .maxLength(50),
    entryDate: plainDate().optional(),
  })
)

export const ignoreLineValidator = vine.compile(
  vine.object({ reason: vine.string().trim().minLength(1).maxLength(500) })
)

export const reconciliationQueryValidator = vine.compile(
  vine.object({
    bankAccountId: recordId(),
    from: plainDate(),
    to: plainDate(),
    format: vine.enum(['json', 'xlsx', 'csv'] as const).optional(),
  })
)

export const bankSettingsValidator = vine.compile(
  vine.object({
    autoPostConfidence: vine
      .string()
      .trim()
      .regex(/^(0(\.\d{1,3})?|1(\.0{1,3})?)$/)
      .optional(),
    matchWindowDays: vine.number().withoutDecimals().range([0, 31]).optional(),
    forbidUnconfirmedUse: vine.boolean().optional(),
  })
)
