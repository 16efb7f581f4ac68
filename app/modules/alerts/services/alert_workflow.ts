import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, NotFound } from '#exceptions/api_errors'
import type { UnitOfWork } from '#modules/shared/unit_of_work'
import { ALERT_SELECT, alertView, type AlertRecord } from '#modules/alerts/services/alert_views'

/**
 * An alert's life: open → acknowledged → resolved (an open alert may be resolved directly). Who and
 * when are stored on the alert and in the audit log, in the same transaction.
 */
export class AlertWorkflow {
  async acknowledge(uow: UnitOfWork, alertId: number, note?: string) {
    const before = await this.lock(uow, alertId)
    if (before.status !== 'open')
      throw new Conflict('invalid_transition', `the alert is already ${before.status}`, {
        status: before.status,
      })
    await uow.trx.rawQuery(
      `UPDATE alerts SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ?,
              resolution_note = coalesce(?, resolution_note) WHERE id = ?`,
      [uow.actor.userId, note ?? null, alertId] as any[]
    )
    return this.audited(uow, alertId, 'acknowledge', before)
  }

  async resolve(uow: UnitOfWork, alertId: number, note?: string) {
    const before = await this.lock(uow, alertId)
    if (before.status === 'resolved')
      throw new Conflict('invalid_transition', 'the alert is already resolved', {
        status: 'resolved',
      })
    await uow.trx.rawQuery(
      `UPDATE alerts SET status = 'resolved', resolved_at = now(), resolved_by = ?,
              resolution_note = coalesce(?, resolution_note) WHERE id = ?`,
      [uow.actor.userId, note ?? null, alertId] as any[]
    )
    return this.audited(uow, alertId, 'resolve', before)
  }

  async find(
    client: QueryClientContract,
    alertId: number,
    lock = false
  ): Promise<AlertRecord | null> {
    const result = await client.rawQuery(
      `${ALERT_SELECT} WHERE a.id = ? ${lock ? 'FOR UPDATE OF a' : ''}`,
      [alertId]
    )
    return result.rows[0] ?? null
  }

  private async lock(uow: UnitOfWork, alertId: number) {
    const row = await this.find(uow.trx, alertId, true)
    if (!row) throw new NotFound('alert')
    return row
  }

  private async audited(uow: UnitOfWork, alertId: number, action: string, before: AlertRecord) {
    const after = (await this.find(uow.trx, alertId))!
    uow.audit({
      entityType: 'alert',
      entityId: alertId,
      action,
      before: alertView(before),
      after: alertView(after),
    })
    return after
  }
}
