import type { ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs'
import { flat, ForbiddenError } from 'adminjs'
import logger from '@adonisjs/core/services/logger'
import { apiAnswerFor } from '#exceptions/handler'
import type { Locale } from '#kernel/i18n'
import { normalizeAmountText } from '#kernel/money/parse_amount'
import { propertyLabel } from '#modules/admin/panel/labels'
import { customerGuard } from '#modules/customers/public'
import type { User } from '#modules/identity/public'
import type { Permission } from '#modules/identity/public'
import { actingUser, allows, panelLocale } from '#modules/admin/panel/panel_user'
import type { Actor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'

interface Validator<T> {
  validate(data: unknown): Promise<T>
}

/**
 * A panel form (AdminJS `new`/record action) that runs one business operation through the same
 * validator, permission check and service as the API, in one audited unit of work. Refusals come
 * back as field messages on the form, and nothing is written.
 */
export interface FormOperation<T> {
  permission: Permission
  validator: Validator<T>
  /** The customer the operation moves money for: checked with mayActOnCustomer (sales: own only). */
  customerOf?: (
    input: T,
    uow: UnitOfWork,
    context: ActionContext
  ) => Promise<number | null> | number | null
  /** The operation inside the form's unit of work… */
  run?: (uow: UnitOfWork, input: T, user: User, context: ActionContext) => Promise<unknown>
  /** …or a service call that opens its own audited transaction (UserService). */
  execute?: (actor: Actor, input: T, context: ActionContext) => Promise<unknown>
  /** Where to go and what to say after success (a translation key with `options`, or plain text). */
  done: (result: any, context: ActionContext) => FormDone
  /** Input taken from the record the action runs on (e.g. the journal id of a reversal). */
  fromRecord?: (context: ActionContext) => Record<string, unknown>
  /** What the empty form shows, read when it opens (a select's choices, the current values). */
  prepare?: (context: ActionContext) => Promise<Record<string, unknown>>
}

/** Money typed by people ("220,000.00", full-width digits): read as the kernel reads amounts. */
const AMOUNT_FIELDS = new Set([
  'amount',
  'creditLimit',
  'lowBalanceThreshold',
  'contractAmount',
  'minBaseAmount',
])

/** Payload → plain object: blanks dropped (a blank optional field is simply absent). */
export function formInput(payload: Record<string, unknown> | undefined) {
  const input: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(flat.unflatten(payload ?? {}) as object)) {
    if (value === null || value === undefined) continue
    if (typeof value === 'string' && value.trim() === '') continue
    input[key] =
      AMOUNT_FIELDS.has(key) && typeof value === 'string' ? normalizeAmountText(value) : value
  }
  return input
}

export interface FormDone {
  redirectUrl?: string
  message: string
  options?: Record<string, unknown>
}

type Errors = Record<string, { message: string; type?: string }>

class Refused extends Error {
  constructor(
    readonly errors: Errors,
    readonly notice: string
  ) {
    super(notice)
  }
}

/**
 * Maps a refusal to form errors (by field) plus a notice, in the panel user's language (zh-CN
 * unless they chose English); unknown errors are rethrown.
 */
export function refusalOf(error: unknown, locale: Locale = 'zh-CN', resourceId?: string): Refused {
  const answer = apiAnswerFor(error, locale, (field) => propertyLabel(locale, resourceId, field))
  if (!answer) throw error
  const errors: Errors = {}
  for (const detail of answer.errors) {
    if (detail.field && !errors[detail.field])
      errors[detail.field] = { message: detail.message, type: detail.rule }
  }
  return new Refused(errors, answer.errors.map((e) => e.message).join('; '))
}

export function formHandler<T>(operation: FormOperation<T>) {
  return async (
    request: ActionRequest,
    _response: unknown,
    context: ActionContext
  ): Promise<ActionResponse> => {
    const echo = (params: Record<string, unknown>, errors: Errors = {}): RecordJSON => {
      const base = context.record
        ? context.record.toJSON(context.currentAdmin)
        : ({
            params: {},
            populated: {},
            baseError: null,
            errors: {},
            id: '',
            title: '',
            recordActions: [],
            bulkActions: [],
          } as RecordJSON)
      return { ...base, params: { ...base.params, ...params }, errors }
    }
    if (request.method !== 'post')
      return { record: echo((await operation.prepare?.(context)) ?? {}) }

    const acting = await actingUser(context.currentAdmin, request, operation.permission)
    if (!acting) throw new ForbiddenError(context.translateMessage('anyForbiddenError'))
    const { user, actor } = acting
    const params = (request.payload ?? {}) as Record<string, unknown>
    try {
      const input = await operation.validator.validate({
        ...formInput(params),
        ...(operation.fromRecord?.(context) ?? {}),
      })
      const result = operation.execute
        ? await operation.execute(actor, input, context)
        : await runInTransaction(actor, async (uow) => {
            if (operation.customerOf) {
              const customerId = await operation.customerOf(input, uow, context)
              const source = { field: 'customerId' }
              uow.guardCustomer(customerGuard(user, customerId ?? 0, operation.permission, source))
              await uow.checkCustomer()
            }
            return operation.run!(uow, input, user, context)
          })
      const { redirectUrl, message, options } = operation.done(result, context)
      return {
        record: echo(params),
        redirectUrl,
        notice: { message, options, type: 'success' },
      }
    } catch (error) {
      const refusal = refusalOf(error, panelLocale(context.currentAdmin), context.resource?.id())
      logger.debug({ errors: refusal.errors }, 'panel form refused')
      return {
        record: echo(params, refusal.errors),
        notice: { message: refusal.notice, type: 'error' },
      }
    }
  }
}

/** A form action (AdminJS `new` / `edit`) open to holders of the operation's permission. */
export function formAction<T>(operation: FormOperation<T>) {
  return { isAccessible: allows(operation.permission), handler: formHandler(operation) }
}

/**
 * A field of an action form: `type: 'select'` picks from the choices in the record's param
 * `options` names ([{ value, label }], filled by the operation's `prepare`).
 */
export interface ActionField {
  name: string
  type?: string
  required?: boolean
  options?: string
}

/**
 * A record action with a small form (action_form.jsx), shown on the records `isVisible` allows.
 * `custom` adds to what the form reads (e.g. `table`: a param of rows shown above the fields).
 */
export function recordFormAction<T>(
  icon: string,
  fields: ActionField[],
  isVisible: (context: ActionContext) => boolean,
  operation: FormOperation<T>,
  custom: Record<string, unknown> = {}
) {
  return {
    actionType: 'record',
    icon,
    component: 'ActionForm',
    custom: { fields, ...custom },
    ...formAction(operation),
    isVisible,
  }
}
