import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput } from '#modules/identity/public'
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
export default class WebhooksController {
  constructor(private webhooks: WebhookService) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    return { data: await listSubscriptions() }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    return findSubscription(Number(ctx.params.id))
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'webhooks.manage', createWebhookValidator)
    await respond(ctx, 201, (uow) => this.webhooks.create(uow, input))
  }

  async update(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'webhooks.manage', updateWebhookValidator)
    await respond(ctx, 200, (uow) => this.webhooks.update(uow, Number(ctx.params.id), input))
  }

  async rotateSecret(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    await respond(ctx, 200, (uow) => this.webhooks.rotateSecret(uow, Number(ctx.params.id)))
  }

  async destroy(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    await respond(ctx, 204, (uow) => this.webhooks.delete(uow, Number(ctx.params.id)))
  }

  async deliveries(ctx: HttpContext) {
    const filter = await authorizedInput(ctx, 'webhooks.manage', listDeliveriesValidator)
    return { data: await listDeliveries(Number(ctx.params.id), filter) }
  }

  async delivery(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    return findDelivery(Number(ctx.params.id))
  }

  async redeliver(ctx: HttpContext) {
    await authorize(ctx, 'webhooks.manage')
    await respond(ctx, 202, (uow) => this.webhooks.redeliver(uow, Number(ctx.params.id)))
  }
}
