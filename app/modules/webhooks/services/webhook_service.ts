import encryption from '@adonisjs/core/services/encryption'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { lockRow, updateRow } from '#kernel/table_rows'
import { assertReceiverAllowed } from '#modules/webhooks/safety/receiver_check'
import { newSecret } from '#modules/webhooks/services/webhook_signature'
import {
  deliveryView,
  subscriptionAuditView,
  subscriptionView,
} from '#modules/webhooks/services/webhook_views'
import type {
  CreateWebhookInput as CreateInput,
  UpdateWebhookInput as UpdateInput,
} from '#modules/webhooks/validators/webhook_validators'

/**
 * Webhook subscriptions (admin) and manual redelivery; every change audited in its transaction
 * (the audit rows show the subscription without its secret). The secret is generated here and
 * stored encrypted with APP_KEY, so an admin can read it again and rotate it.
 */
export class WebhookService {
  async create(uow: UnitOfWork, input: CreateInput) {
    await assertReceiverAllowed(input.url)
    const [row] = await uow.trx
      .table('webhook_subscriptions')
      .insert({
        url: input.url,
        events: input.events,
        description: input.description ?? null,
        active: input.active ?? true,
        secret_encrypted: encryption.encrypt(newSecret()),
        created_by: uow.actor.userId,
      })
      .returning('*')
    const after = subscriptionAuditView(row)
    uow.audit({ entityType: 'webhook_subscription', entityId: after.id, action: 'create', after })
    return subscriptionView(row, true)
  }

  async update(uow: UnitOfWork, id: number, input: UpdateInput) {
    if (input.url !== undefined) await assertReceiverAllowed(input.url)
    const current = await this.lock(uow, id)
    const row = await updateRow(uow, 'webhook_subscriptions', id, {
      url: input.url ?? current.url,
      events: input.events ?? current.events,
      description: input.description === undefined ? current.description : input.description,
      active: input.active ?? current.active,
    })
    this.auditChange(uow, 'update', current, row)
    return subscriptionView(row, true)
  }

  /** A new secret; the old one stops signing at once. */
  async rotateSecret(uow: UnitOfWork, id: number) {
    const current = await this.lock(uow, id)
    const row = await updateRow(uow, 'webhook_subscriptions', id, {
      secret_encrypted: encryption.encrypt(newSecret()),
    })
    this.auditChange(uow, 'rotate_secret', current, row)
    return subscriptionView(row, true)
  }

  /** Removes the subscription with its delivery log (the events stay in the outbox). */
  async delete(uow: UnitOfWork, id: number) {
    const current = await this.lock(uow, id)
    const deliveries = uow.trx.from('webhook_deliveries').where('subscription_id', id).select('id')
    await uow.trx.from('webhook_attempts').whereIn('delivery_id', deliveries).delete()
    await uow.trx.from('webhook_deliveries').where('subscription_id', id).delete()
    await uow.trx.from('webhook_subscriptions').where('id', id).delete()
    uow.audit({
      entityType: 'webhook_subscription',
      entityId: id,
      action: 'delete',
      before: subscriptionAuditView(current),
    })
  }

  /**
   * Sends a delivery again: pending, due now, with a fresh 24 h retry window (a pending one is
   * simply made due now). It keeps its event id, so the receiver can tell it has seen it.
   */
  async redeliver(uow: UnitOfWork, deliveryId: number) {
    const current = await lockRow(uow, 'webhook_deliveries', deliveryId, 'webhook delivery')
    const updated = await uow.trx.rawQuery(
      `UPDATE webhook_deliveries
          SET status = 'pending', next_attempt_at = now(), retry_until = now() + interval '24 hours',
              delivered_at = NULL
        WHERE id = ? RETURNING *`,
      [deliveryId]
    )
    const row = updated.rows[0]
    uow.audit({
      entityType: 'webhook_delivery',
      entityId: deliveryId,
      action: 'redeliver',
      before: deliveryView(current),
      after: deliveryView(row),
    })
    return deliveryView(row)
  }

  private auditChange(uow: UnitOfWork, action: string, before: any, after: any) {
    uow.audit({
      entityType: 'webhook_subscription',
      entityId: Number(after.id),
      action,
      before: subscriptionAuditView(before),
      after: subscriptionAuditView(after),
    })
  }

  private lock(uow: UnitOfWork, id: number) {
    return lockRow(uow, 'webhook_subscriptions', id, 'webhook subscription')
  }
}
