import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { EVENT_TYPES } from '#modules/outbox/public'
import { recordId } from '#kernel/validation_rules'

/** A receiver URL: http or https only (a local receiver needs no top-level domain). */
const receiverUrl = () =>
  vine
    .string()
    .trim()
    .maxLength(2000)
    .url({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })

const eventTypes = () =>
  vine
    .array(vine.enum([...EVENT_TYPES, '*'] as const))
    .minLength(1)
    .distinct()

export const createWebhookValidator = vine.compile(
  vine.object({
    url: receiverUrl(),
    events: eventTypes(),
    description: vine.string().trim().maxLength(200).optional(),
    active: vine.boolean().optional(),
  })
)

export const updateWebhookValidator = vine.compile(
  vine.object({
    url: receiverUrl().optional(),
    events: eventTypes().optional(),
    description: vine.string().trim().maxLength(200).nullable().optional(),
    active: vine.boolean().optional(),
  })
)

export const listDeliveriesValidator = vine.compile(
  vine.object({
    status: vine.enum(['pending', 'delivered', 'dead'] as const).optional(),
    beforeId: recordId().optional(),
    limit: vine.number().withoutDecimals().min(1).max(200).optional(),
  })
)

export type CreateWebhookInput = Infer<typeof createWebhookValidator>
export type UpdateWebhookInput = Infer<typeof updateWebhookValidator>
