import type { ActionContext } from 'adminjs'
import app from '@adonisjs/core/services/app'
import vine from '@vinejs/vine'
import { InvalidInput } from '#kernel/errors'
import { BankLineActions } from '#modules/banking/public'
import { ignoreLineValidator } from '#modules/banking/public'
import { type FormDone, recordFormAction } from '#modules/admin/panel/form_action'
import { can, type PanelUser } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'

const actions = () => app.container.make(BankLineActions)
const open = ({ currentAdmin, record }: ActionContext) =>
  Boolean(
    record &&
    ['unmatched', 'suggested'].includes(record.params.status) &&
    can(currentAdmin as PanelUser | undefined, 'bank.match')
  )
const lineDone =
  (message: string) =>
  (_result: unknown, context: ActionContext): FormDone => ({
    redirectUrl: showUrl(context, 'bank_lines', context.record!.id()),
    message,
  })

const confirmForm = vine.compile(
  vine.object({
    suggestionId: vine.number().positive().optional(),
    customerId: vine.number().positive().optional(),
  })
)

/** `partsJson`: [{"customerId": 1, "amount": "600.00"}, …] as typed on the form. */
const splitForm = vine.compile(vine.object({ partsJson: vine.string().trim().minLength(2) }))

function parts(json: string) {
  try {
    const parsed = JSON.parse(json)
    if (!Array.isArray(parsed) || parsed.length < 2) throw new Error('two parts or more')
    return parsed.map((part: any) => ({
      customerId: Number(part.customerId),
      projectId: part.projectId ? Number(part.projectId) : null,
      amount: String(part.amount),
    }))
  } catch {
    throw new InvalidInput(
      'partsJson',
      'json',
      '[{"customerId": 1, "amount": "600.00"}, …], two parts or more'
    )
  }
}

type LineWork<Input> = (service: BankLineActions, uow: any, lineId: number, input: Input) => any

/** A button of the work queue: a small form, then one BankLineActions call on the line. */
function lineAction<Input>(
  icon: string,
  fields: Array<{ name: string; type?: string }>,
  validator: { validate: (data: any) => Promise<Input> },
  work: LineWork<Input>,
  message: string
) {
  return recordFormAction<Input>(icon, fields, open, {
    permission: 'bank.match',
    validator,
    run: async (uow, input, _user, context) =>
      work(await actions(), uow, Number(context.record!.id()), input),
    done: lineDone(message),
  })
}

/** The form left both blank: confirm the line's best suggestion (the work queue's default). */
async function bestSuggestion(trx: any, lineId: number) {
  const best = await trx
    .from('bank_match_suggestions')
    .where('bank_line_id', lineId)
    .orderBy([{ column: 'confidence', order: 'desc' }, { column: 'id' }])
    .first()
  if (!best)
    throw new InvalidInput(
      'customerId',
      'required',
      '无建议：请填写客户 / no suggestion: name the customer'
    )
  return Number(best.id)
}

/** Confirm, split and ignore, through BankLineActions (the API's service). */
export const bankLineActions = {
  confirm: lineAction(
    'CheckCircle',
    [{ name: 'suggestionId' }, { name: 'customerId' }],
    confirmForm,
    async (service, uow, lineId, input) => {
      if (input.suggestionId === undefined && input.customerId === undefined) {
        input.suggestionId = await bestSuggestion(uow.trx, lineId)
      }
      return service.confirm(uow, lineId, input)
    },
    'bankLineConfirmed'
  ),
  split: lineAction(
    'Share2',
    [{ name: 'partsJson', type: 'textarea' }],
    splitForm,
    (service, uow, lineId, input) => service.split(uow, lineId, parts(input.partsJson)),
    'bankLineSplit'
  ),
  ignore: lineAction(
    'XCircle',
    [{ name: 'reason', type: 'textarea' }],
    ignoreLineValidator,
    (service, uow, lineId, input) => service.ignore(uow, lineId, input.reason),
    'bankLineIgnored'
  ),
}
