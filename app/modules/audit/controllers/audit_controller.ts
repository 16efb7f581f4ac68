import type { HttpContext } from '@adonisjs/core/http'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import { authorize, authorizedInput, authorizedList } from '#modules/identity/public'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { findRun, latestFullRun, requestFullRun } from '#modules/audit/services/verify_runs'
import { auditCsv, auditQuery, auditRowView, stateAt } from '#modules/audit/services/audit_queries'
import { actorFromHttp } from '#kernel/actor'
import { NotFound } from '#kernel/errors'
import { runInTransaction } from '#kernel/unit_of_work'
import { auditQueryValidator, historyValidator } from '#modules/audit/validators/audit_validators'

/** Exports are capped: an auditor narrows the filters (or pages by beforeId) for more. */
const EXPORT_LIMIT = 50_000

export default class AuditController {
  /** GET /api/v1/audit-logs?entityType&entityId&actor&from&to&beforeId&limit */
  async index(ctx: HttpContext) {
    return authorizedList(ctx, 'audit.read', auditQueryValidator, (filters) =>
      auditQuery(filters).then((rows) => rows.map(auditRowView))
    )
  }

  /** GET /api/v1/audit-logs/export — CSV of the filtered log; the export itself is audited. */
  async export(ctx: HttpContext) {
    const filters = await authorizedInput(ctx, 'audit.read', auditQueryValidator)
    const rows = await auditQuery({
      ...filters,
      limit: Math.min(filters.limit ?? EXPORT_LIMIT, EXPORT_LIMIT),
    })
    await runInTransaction(actorFromHttp(ctx), async (uow) => {
      uow.audit({
        entityType: 'audit_log',
        entityId: null,
        action: 'export',
        after: { filters: ctx.request.qs(), rows: rows.length },
      })
    })
    return sendDownload(ctx, { type: FILE_TYPES.csv, name: 'audit-log.csv', body: auditCsv(rows) })
  }

  /** GET /api/v1/audit-logs/history/:entityType/:id?at= */
  async history(ctx: HttpContext) {
    const { at } = await authorizedInput(ctx, 'audit.read', historyValidator)
    return stateAt(ctx.params.entityType, ctx.params.id, at ?? new Date())
  }

  /**
   * GET /api/v1/audit/verify — from each chain's last signed checkpoint to its head (what was
   * written since the last verification), with the latest full run beside it.
   */
  async verify(ctx: HttpContext) {
    await authorize(ctx, 'audit.read')
    const report = await verifyAuditChains({ mode: 'incremental' })
    return { ...report, latestFullRun: await latestFullRun() }
  }

  /** POST /api/v1/audit/verify-runs — queue a full re-verification from every genesis (202). */
  async requestRun(ctx: HttpContext) {
    await authorize(ctx, 'audit.read')
    const run = await runInTransaction(actorFromHttp(ctx), (uow) => requestFullRun(uow))
    return ctx.response.status(202).send(run)
  }

  /** GET /api/v1/audit/verify-runs/:id — status, progress, rate, ETA and the result. */
  async showRun(ctx: HttpContext) {
    await authorize(ctx, 'audit.read')
    const run = await findRun(Number(ctx.params.id))
    if (!run) throw new NotFound('audit verification run')
    return run
  }
}
