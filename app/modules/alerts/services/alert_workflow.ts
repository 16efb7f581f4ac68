import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, NotFound } from '#kernel/errors'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { selectRow } from '#kernel/table_rows'
import { ALERT_SELECT, alertView, type AlertRecord } from '#modules/alerts/services/alert_views'

/**
 * An alert's life: open → acknowledged → resolved (an open alert may be resolved directly). Who and
 * when are stored on the alert and in the audit log, in the same transaction.
 */
/** Each step: the statuses it starts from, and what it sets (with who did it). */
const STEPS = {
  acknowledge: {
    from: ['open'],
    set: `status = 'acknowledged', acknowledged_at = now(), acknowledged_by = ?`,
  },
  resolve: {
    from: ['open', 'acknowledged'],
    set: `status = 'resolved', resolved_at = now(), resolved_by = ?, resolved_reason = 'manual'`,
  },
} as const

export class AlertWorkflow {
  acknowledge(uow: UnitOfWork, alertId: number, note?: string) {
    return this.step(uow, alertId, 'acknowledge', note)
  }

  resolve(uow: UnitOfWork, alertId: number, note?: string) {
    return this.step(uow, alertId, 'resolve', note)
  }

  private async step(uow: UnitOfWork, alertId: number, action: keyof typeof STEPS, note?: string) {
    const step = STEPS[action]
    const before = await this.lock(uow, alertId)
    if (!(step.from as readonly string[]).includes(before.status))
      throw new Conflict('invalid_transition', `the alert is already ${before.status}`, {
        status: before.status,
      })
    await uow.trx.rawQuery(
      `UPDATE alerts SET ${step.set}, resolution_note = coalesce(?, resolution_note) WHERE id = ?`,
      [uow.actor.userId, note ?? null, alertId] as any[]
    )
    const after = (await this.find(uow.trx, alertId))!
    uow.audit({
      entityType: 'alert',
      entityId: alertId,
      action,
      before: alertView(before),
      after: alertView(after),
    })
    if (action === 'resolve') {
      const view = alertView(after)
      uow.publish({ type: 'alert.resolved', customerId: view.customerId, data: view })
    }
    return after
  }

  find(client: QueryClientContract, alertId: number, lock = false) {
    return selectRow<AlertRecord>(client, ALERT_SELECT, 'a.id', alertId, lock ? 'a' : undefined)
  }

  private async lock(uow: UnitOfWork, alertId: number) {
    const row = await this.find(uow.trx, alertId, true)
    if (!row) throw new NotFound('alert')
    return row
  }
}
