import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import {
  authorize,
  authorizedInput,
  ManagedTableController,
  routeId,
} from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import { WebhookService } from '#modules/webhooks/services/webhook_service'
import {
  findDelivery,
  findSubscription,
  listDeliveries,
  listSubscriptions,
} from '#modules/webhooks/services/webhook_queries'
import {
  createWebhookValidator,
  listDeliveriesValidator,
  updateWebhookValidator,
} from '#modules/webhooks/validators/webhook_validators'

/** Webhook subscriptions, their delivery log and manual redelivery: admins only. */
@inject()
export default class WebhooksController extends ManagedTableController<
  typeof createWebhookValidator,
  typeof updateWebhookValidator
> {
  constructor(private webhooks: WebhookService) {
    super({
      read: 'webhooks.manage',
      manage: 'webhooks.manage',
      list: listSubscriptions,
      find: findSubscription,
      createWith: createWebhookValidator,
      create: (uow, input) => webhooks.create(uow, input),
      updateWith: updateWebhookValidator,
      update: (uow, id, input) => webhooks.update(uow, id, input),
      delete: (uow, id) => webhooks.delete(uow, id),
    })
  }

  async rotateSecret(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    await respond(ctx, 200, (uow) => this.webhooks.rotateSecret(uow, routeId(ctx)))
  }

  async deliveries(ctx: HttpContext) {
    const filter = await authorizedInput(ctx, 'webhooks.manage', listDeliveriesValidator)
    return { data: await listDeliveries(routeId(ctx), filter) }
  }

  async delivery(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    return findDelivery(routeId(ctx))
  }

  async redeliver(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    await respond(ctx, 202, (uow) => this.webhooks.redeliver(uow, routeId(ctx)))
  }
}
