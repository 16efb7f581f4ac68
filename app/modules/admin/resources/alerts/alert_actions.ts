import type { ActionContext, ActionResponse } from 'adminjs'
import app from '@adonisjs/core/services/app'
import { Forbidden, InvalidInput, NotFound } from '#kernel/errors'
import { Customer } from '#modules/customers/public'
import { mayActOnCustomer } from '#modules/customers/public'
import type { Locale } from '#modules/alerts/public'
import { AlertRuleService } from '#modules/alerts/public'
import { AlertWorkflow } from '#modules/alerts/public'
import {
  alertTransitionValidator,
  createRuleValidator,
  updateRuleValidator,
} from '#modules/alerts/public'
import { seesOnlyOwnCustomers } from '#modules/identity/public'
import type { User } from '#modules/identity/public'
import { type FormDone, formAction, recordFormAction } from '#modules/admin/panel/form_action'
import { allows, can, panelLocale, type PanelUser } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'

/** The reader's language. */
const readerLocale = (context: ActionContext): Locale => panelLocale(context.currentAdmin)

/** list/show `after` hook: `message` in the reader's language. */
export async function inReaderLanguage(
  response: ActionResponse,
  _request: unknown,
  context: ActionContext
) {
  if (readerLocale(context) !== 'en') return response
  const records = response.records ?? (response.record ? [response.record] : [])
  for (const record of records) {
    if (record.params?.messageEn) record.params.message = record.params.messageEn
  }
  return response
}

const workflow = () => app.container.make(AlertWorkflow)
const rules = () => app.container.make(AlertRuleService)

/** Same rule as the API: sales act only on their own customers' alerts (and not on customer-less ones). */
async function assertMayAct(user: User, customerId: number | string | null) {
  if (customerId === null) {
    if (seesOnlyOwnCustomers(user.role)) throw new Forbidden()
    return
  }
  const customer = await Customer.find(Number(customerId))
  if (!customer || !mayActOnCustomer(user, customer, 'alerts.manage')) throw new Forbidden()
}

const manageable =
  (states: string[]) =>
  ({ currentAdmin, record }: ActionContext) =>
    Boolean(
      record &&
      states.includes(record.params.status) &&
      can(currentAdmin as PanelUser | undefined, 'alerts.manage')
    )

function transitionAction(
  icon: string,
  states: string[],
  change: 'acknowledge' | 'resolve',
  message: string
) {
  return recordFormAction<{ note?: string }>(
    icon,
    [{ name: 'note', type: 'textarea' }],
    manageable(states),
    {
      permission: 'alerts.manage',
      validator: alertTransitionValidator,
      run: async (uow, input, user, context) => {
        const service = await workflow()
        const id = Number(context.record!.id())
        const alert = await service.find(uow.trx, id)
        if (!alert) throw new NotFound('alert')
        await assertMayAct(user, alert.customer_id)
        return service[change](uow, id, input.note)
      },
      done: (alert: { id: number | string }, context): FormDone => ({
        redirectUrl: showUrl(context, 'alerts', alert.id),
        message,
        options: { id: alert.id },
      }),
    }
  )
}

/**
 * Rule parameters typed as JSON text on the form (`parametersJson`) → `parameters`. On the new-rule
 * form an untouched checkbox is shown unticked and is not posted: it means false there.
 */
function withParameters(data: any, create = false) {
  const { parametersJson, enabled, sendEmail, ...rest } = data ?? {}
  let parameters: unknown
  if (parametersJson !== undefined) {
    try {
      parameters = JSON.parse(String(parametersJson))
    } catch {
      throw new InvalidInput('parametersJson', 'json', 'parameters must be JSON, e.g. {"days": 30}')
    }
    if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters))
      throw new InvalidInput('parametersJson', 'json', 'parameters must be a JSON object')
  }
  const bool = (value: unknown) => value === true || value === 'true'
  return {
    ...rest,
    ...(parameters ? { parameters } : {}),
    ...(enabled !== undefined || create ? { enabled: bool(enabled) } : {}),
    ...(sendEmail !== undefined || create ? { sendEmail: bool(sendEmail) } : {}),
  }
}

const ruleDone = (rule: { id: number; nameZh: string }, context: ActionContext): FormDone => ({
  redirectUrl: showUrl(context, 'alert_rules', rule.id),
  message: `${rule.nameZh} ✓`,
})

/** Acknowledge and resolve, through AlertWorkflow (the API's service). */
export const alertActions = {
  list: { isAccessible: allows('alerts.read'), after: inReaderLanguage },
  show: { isAccessible: allows('alerts.read'), after: inReaderLanguage },
  acknowledge: transitionAction('Eye', ['open'], 'acknowledge', 'alertAcknowledged'),
  resolve: transitionAction('CheckCircle', ['open', 'acknowledged'], 'resolve', 'alertResolved'),
}

/** New and edit, through AlertRuleService (the API's service). */
export const alertRuleActions = {
  new: formAction({
    permission: 'alert_rules.manage',
    validator: {
      validate: (data) => createRuleValidator.validate(withParameters(data, true)),
    },
    run: async (uow, input) => rules().then((service) => service.create(uow, input)),
    done: ruleDone,
  }),
  edit: formAction({
    permission: 'alert_rules.manage',
    validator: {
      // code and type are fixed once a rule exists (the service keeps them).
      validate: (data: any) => {
        const rest = { ...data }
        delete rest.code
        delete rest.ruleType
        return updateRuleValidator.validate(withParameters(rest))
      },
    },
    run: async (uow, input, _user, context) =>
      rules().then((service) => service.update(uow, Number(context.record!.id()), input)),
    done: ruleDone,
  }),
}
