import vine from '@vinejs/vine'
import { plainDate, recordId } from '#kernel/validation_rules'

export const confirmationsQueryValidator = vine.compile(
  vine.object({
    customerId: recordId().optional(),
    status: vine
      .enum(['sent', 'viewed', 'confirmed', 'disputed', 'superseded'] as const)
      .optional(),
    limit: vine.number().withoutDecimals().min(1).max(500).optional(),
  })
)

/** resolve a dispute / reopen an answer: finance says why */
export const noteValidator = vine.compile(
  vine.object({ note: vine.string().trim().minLength(1).maxLength(2000) })
)

/** send now: one customer or a selection, one period, optionally one language for all */
export const sendNowValidator = vine.compile(
  vine.object({
    customerIds: vine.array(recordId()).minLength(1).maxLength(1000).distinct(),
    from: plainDate(),
    to: plainDate().afterOrSameAs('from'),
    locale: vine.enum(['zh-CN', 'en'] as const).optional(),
  })
)

/** a customer's statement contacts (replaced as a whole) and statement language */
export const contactsValidator = vine.compile(
  vine.object({
    contacts: vine
      .array(
        vine.object({
          name: vine.string().trim().minLength(1).maxLength(120),
          email: vine.string().trim().email().maxLength(254),
          role: vine.enum(['finance', 'other'] as const),
        })
      )
      .maxLength(20)
      .distinct('email'),
    statementLocale: vine
      .enum(['zh-CN', 'en'] as const)
      .nullable()
      .optional(),
  })
)
