import encryption from '@adonisjs/core/services/encryption'
import type { ActionContext, ResourceWithOptions } from 'adminjs'
import { formHandler, formAction } from '#modules/admin/panel/form_action'
import { pageAction } from '#modules/admin/panel/page_action'
import { allows } from '#modules/admin/panel/panel_user'
import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { columnsOf } from '#modules/admin/panel/columns'
import { showUrl, fields } from '#modules/admin/panel/resource_helpers'
import { EVENT_TYPES } from '#modules/outbox/public'
import { setMapping } from '#modules/vouchers/public'
import { mappingValidator } from '#modules/vouchers/public'
import { WebhookService } from '#modules/webhooks/public'
import { createWebhookValidator, updateWebhookValidator } from '#modules/webhooks/public'
import vine from '@vinejs/vine'

const webhooksArea = panelArea(MENU.integration, 'webhooks.manage')
const vouchersArea = panelArea(MENU.integration, 'vouchers.export')

const webhooks = new WebhookService()

/** The events field of a panel form: comma- or space-separated types (or *). */
const eventsOf = (input: Record<string, unknown>) =>
  typeof input.events === 'string'
    ? { ...input, events: input.events.split(/[\s,]+/).filter(Boolean) }
    : input
const withEvents = <T>(validator: { validate(data: unknown): Promise<T> }) => ({
  validate: (data: unknown) => validator.validate(eventsOf(data as Record<string, unknown>)),
})

/** A confirm-button action on one webhook record (webhooks.manage), back to the record's page. */
const webhookAction = (
  name: string,
  icon: string,
  run: (uow: any, id: number) => Promise<{ id: number }>
) => ({
  actionType: 'record',
  icon,
  // the shared form with no fields: a confirm button that POSTs (a plain click would GET)
  component: 'ActionForm',
  custom: { fields: [] },
  isAccessible: allows('webhooks.manage'),
  handler: formHandler({
    permission: 'webhooks.manage',
    validator: vine.compile(vine.object({})),
    run: (uow, _input, _user, context: ActionContext) => run(uow, Number(context.record!.id())),
    done: (result, context) => ({
      redirectUrl: showUrl(context, context.resource.id(), result.id),
      message: `${name} ✓`,
    }),
  }),
})

const subscription = columnsOf('webhook_subscriptions')
const delivery = columnsOf('webhook_deliveries')
const mapping = columnsOf('voucher_account_map')

/** After a subscription's form: back to its page with "<url> ✓". */
const subscriptionSaved = (result: { id: number; url: string }, context: ActionContext) => ({
  redirectUrl: showUrl(context, 'webhook_subscriptions', result.id),
  message: `${result.url} ✓`,
})

/** Webhook subscriptions (admin): the secret is shown on the record page, rotated by an action. */
function subscriptionResource(): ResourceWithOptions {
  return webhooksArea.resource(
    {
      table: 'webhook_subscriptions',
      columns: [
        subscription.id(),
        subscription.field('url', { isTitle: true, required: true }),
        subscription.field('description'),
        subscription.field('events', {
          compute: (r) => (r.events as string[]).join(', '),
          required: true,
        }),
        subscription.flag('active', { filter: 'exact' }),
        subscription.field('secret', {
          sql: subscription.sql('secretEncrypted'),
          compute: (r) => encryption.decrypt<string>(r.secret_encrypted) ?? '',
        }),
        subscription.instant('createdAt'),
      ],
    },
    {
      listProperties: ['id', 'url', 'events', 'active', 'createdAt'],
      showProperties: ['id', 'url', 'description', 'events', 'active', 'secret', 'createdAt'],
      editProperties: ['url', 'description', 'events', 'active'],
      properties: { events: { description: `${EVENT_TYPES.join(', ')}, *` } },
      actions: {
        new: formAction({
          permission: 'webhooks.manage',
          validator: withEvents(createWebhookValidator),
          run: (uow, input) => webhooks.create(uow, input),
          done: subscriptionSaved,
        }),
        edit: formAction({
          permission: 'webhooks.manage',
          validator: withEvents(updateWebhookValidator),
          run: (uow, input, _user, context) =>
            webhooks.update(uow, Number(context.record!.id()), input),
          done: subscriptionSaved,
        }),
        rotateSecret: webhookAction('rotateSecret', 'RefreshCw', (uow, id) =>
          webhooks.rotateSecret(uow, id)
        ),
      },
    }
  )
}

/** The delivery log: newest first, filtered by subscription and status; redelivery by hand. */
function deliveryResource(): ResourceWithOptions {
  return webhooksArea.resource(
    {
      table: 'webhook_deliveries',
      big: true,
      columns: [
        delivery.id(),
        delivery.ref('subscriptionId', 'webhook_subscriptions', { filter: 'exact' }),
        delivery.field('eventId', { sql: `${delivery.sql('eventId')}::text`, filter: 'exact' }),
        delivery.field('eventType', { filter: 'exact', isTitle: true }),
        delivery.choice('status', ['pending', 'delivered', 'dead']),
        delivery.number('attempts'),
        delivery.number('lastStatusCode'),
        delivery.number('lastDurationMs'),
        delivery.field('lastError'),
        delivery.instant('nextAttemptAt'),
        delivery.instant('deliveredAt'),
        delivery.instant('createdAt'),
      ],
    },
    {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: fields(
        'id subscriptionId eventType status attempts lastStatusCode createdAt'
      ),
      filterProperties: ['subscriptionId', 'eventId', 'eventType', 'status'],
      actions: {
        redeliver: webhookAction('redeliver', 'Send', (uow, id) => webhooks.redeliver(uow, id)),
      },
    }
  )
}

/** 科目对照 (finance) and the voucher export (凭证导出) as a resource action. */
function accountMapResource(): ResourceWithOptions {
  return vouchersArea.resource(
    {
      table: 'voucher_account_map',
      idSql: mapping.sql('accountCode'),
      columns: [
        mapping.field('accountCode', { isTitle: true, sortable: true }),
        mapping.field('externalCode', { required: true }),
        mapping.field('externalName'),
        mapping.flag('customerAux'),
        mapping.flag('projectAux'),
        mapping.instant('updatedAt'),
      ],
    },
    {
      sort: { sortBy: 'accountCode', direction: 'asc' },
      editProperties: ['externalCode', 'externalName', 'customerAux', 'projectAux'],
      actions: {
        edit: formAction({
          permission: 'voucher_mapping.manage',
          validator: {
            validate: (data: any) =>
              mappingValidator.validate({
                ...data,
                customerAux: data.customerAux === true || data.customerAux === 'true',
                projectAux: data.projectAux === true || data.projectAux === 'true',
              }),
          },
          run: (uow, input, _user, context) => setMapping(uow, String(context.record!.id()), input),
          done: (result, context) => ({
            redirectUrl: showUrl(context, 'voucher_account_map', result.accountCode),
            message: `${result.accountCode} → ${result.externalCode} ✓`,
          }),
        }),
        exportVouchers: pageAction('Download', 'VoucherExport', 'vouchers.export'),
      },
    }
  )
}

/** Webhooks (admin) and the ERP voucher export (finance) in the back-office. */
export const integrationPanel: PanelModule = {
  name: 'integration',
  resources: () => [subscriptionResource(), deliveryResource(), accountMapResource()],
}
