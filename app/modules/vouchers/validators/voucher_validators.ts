import vine from '@vinejs/vine'
import { plainDate } from '#kernel/validation_rules'
import { LAYOUT_NAMES } from '#modules/vouchers/voucher_layouts'

/** `period=YYYY-MM`, or `from` and `to` (a date range); layout and format default to 通用 CSV. */
export const voucherExportValidator = vine.compile(
  vine.object({
    period: vine
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
    from: plainDate().optional().requiredIfMissing('period'),
    to: plainDate().optional().requiredIfMissing('period'),
    format: vine.enum(['csv', 'xlsx'] as const).optional(),
    layout: vine.enum(LAYOUT_NAMES).optional(),
    mode: vine.enum(['journal', 'daily'] as const).optional(),
    voucherWord: vine.string().trim().minLength(1).maxLength(4).optional(),
  })
)

export const mappingValidator = vine.compile(
  vine.object({
    externalCode: vine
      .string()
      .trim()
      .maxLength(40)
      .regex(/^[0-9A-Za-z.-]+$/)
      .nullable(),
    externalName: vine.string().trim().maxLength(80).nullable().optional(),
    customerAux: vine.boolean().optional(),
    projectAux: vine.boolean().optional(),
  })
)
