import vine from '@vinejs/vine'
import { recordId } from '#kernel/validation_rules'

/** GET /api/v1/audit-logs (and its CSV export) filters. */
export const auditQueryValidator = vine.compile(
  vine.object({
    entityType: vine.string().trim().maxLength(40).optional(),
    entityId: vine.string().trim().maxLength(64).optional(),
    actor: recordId().optional(),
    from: vine.date({ formats: ['YYYY-MM-DD', 'iso8601'] }).optional(),
    to: vine.date({ formats: ['YYYY-MM-DD', 'iso8601'] }).optional(),
    limit: vine.number().withoutDecimals().min(1).max(1000).optional(),
    beforeId: recordId().optional(),
  })
)

/** GET /api/v1/audit-logs/history/:entityType/:id?at= */
export const historyValidator = vine.compile(
  vine.object({ at: vine.date({ formats: ['iso8601', 'YYYY-MM-DD'] }).optional() })
)
