import vine from '@vinejs/vine'
import { DELIVERIES, NOTIFICATION_KINDS } from '#modules/notifications/notification_kinds'
import { recordId } from '#kernel/validation_rules'

export const inboxValidator = vine.compile(
  vine.object({
    unread: vine.boolean().optional(),
    beforeId: recordId().optional(),
    limit: vine.number().withoutDecimals().min(1).max(100).optional(),
  })
)

export const preferencesValidator = vine.compile(
  vine.object({
    preferences: vine
      .array(
        vine.object({
          kind: vine.enum(NOTIFICATION_KINDS),
          delivery: vine.enum(DELIVERIES),
        })
      )
      .minLength(1)
      .maxLength(NOTIFICATION_KINDS.length),
  })
)
