import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'

const auditQueryValidator = vine.compile(
  vine.object({
    entityType: vine.string().trim().maxLength(40).optional(),
    entityId: vine.string().trim().maxLength(64).optional(),
    actor: vine.number().withoutDecimals().positive().optional(),
    from: vine.date({ formats: ['YYYY-MM-DD', 'iso8601'] }).optional(),
    to: vine.date({ formats: ['YYYY-MM-DD', 'iso8601'] }).optional(),
    limit: vine.number().withoutDecimals().min(1).max(1000).optional(),
    beforeId: vine.number().withoutDecimals().positive().optional(),
  })
)

export default class AuditController {
  /** GET /api/v1/audit-logs?entityType&entityId&actor&from&to (newest first, keyset-paged by beforeId) */
  async index(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'audit.read')
    const f = await ctx.request.validateUsing(auditQueryValidator, { data: ctx.request.qs() })
    const query = db
      .from('audit_logs')
      .orderBy('id', 'desc')
      .limit(f.limit ?? 100)
    if (f.entityType) query.where('entity_type', f.entityType)
    if (f.entityId) query.where('entity_id', f.entityId)
    if (f.actor) query.where('actor_id', f.actor)
    if (f.from) query.where('occurred_at', '>=', f.from)
    if (f.to) query.where('occurred_at', '<', f.to)
    if (f.beforeId) query.where('id', '<', f.beforeId)
    const rows = await query
    return {
      data: rows.map((r) => ({
        id: r.id,
        occurredAt: new Date(r.occurred_at).toISOString(),
        actorId: r.actor_id,
        actorRole: r.actor_role,
        ip: r.ip,
        userAgent: r.user_agent,
        requestId: r.request_id,
        entityType: r.entity_type,
        entityId: r.entity_id,
        action: r.action,
        before: r.before,
        after: r.after,
        chain: r.chain,
        seq: r.seq,
        hash: r.hash,
      })),
    }
  }

  /** GET /api/v1/audit/verify */
  async verify(ctx: HttpContext) {
    await ctx.bouncer.with(PermissionPolicy).authorize('allows', 'audit.read')
    return verifyAuditChains()
  }
}
