import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import PermissionPolicy from '#modules/identity/policies/permission_policy'
import { executeCommand } from '#kernel/api_command'
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
    await this.authorize(ctx)
    return { data: await listSubscriptions() }
  }

  async show(ctx: HttpContext) {
    await this.authorize(ctx)
    return findSubscription(Number(ctx.params.id))
  }

  async store(ctx: HttpContext) {
    await this.authorize(ctx)
    const input = await ctx.request.validateUsing(createWebhookValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 201,
      body: await this.webhooks.create(uow, input),
    }))
  }

  async update(ctx: HttpContext) {
    await this.authorize(ctx)
    const input = await ctx.request.validateUsing(updateWebhookValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.webhooks.update(uow, Number(ctx.params.id), input),
    }))
  }

  async rotateSecret(ctx: HttpContext) {
    await this.authorize(ctx)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.webhooks.rotateSecret(uow, Number(ctx.params.id)),
    }))
  }

  async destroy(ctx: HttpContext) {
    await this.authorize(ctx)
    await executeCommand(ctx, async (uow) => {
      await this.webhooks.delete(uow, Number(ctx.params.id))
      return { status: 204, body: null }
    })
  }

  async deliveries(ctx: HttpContext) {
    await this.authorize(ctx)
    const filter = await ctx.request.validateUsing(listDeliveriesValidator, {
      data: ctx.request.qs(),
    })
    return { data: await listDeliveries(Number(ctx.params.id), filter) }
  }

  async delivery(ctx: HttpContext) {
    await this.authorize(ctx)
    return findDelivery(Number(ctx.params.id))
  }

  async redeliver(ctx: HttpContext) {
    await this.authorize(ctx)
    await executeCommand(ctx, async (uow) => ({
      status: 202,
      body: await this.webhooks.redeliver(uow, Number(ctx.params.id)),
    }))
  }

  private authorize(ctx: HttpContext) {
    return ctx.bouncer.with(PermissionPolicy).authorize('allows', 'webhooks.manage')
  }
}
