import type { ActionContext } from 'adminjs'
import app from '@adonisjs/core/services/app'
import { InvalidInput } from '#kernel/errors'
import type { ApprovalView } from '#modules/approvals/public'
import type { ApprovalLevel } from '#modules/approvals/public'
import { ApprovalRuleService } from '#modules/approvals/public'
import { ApprovalService, mayDecide, type DecisionState } from '#modules/approvals/public'
import { approvalRuleValidator, decisionValidator } from '#modules/approvals/public'
import { ROLES } from '#modules/identity/public'
import { type FormDone, formAction, recordFormAction } from '#modules/admin/panel/form_action'
import { type PanelUser } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'

/** The maker-checker rule (ApprovalService states it) for the signed-in panel user. */
export function panelMayDecide(
  request: DecisionState,
  user: Pick<PanelUser, 'id' | 'role'> | undefined
) {
  return user ? mayDecide(request, { userId: user.id, role: user.role }) : false
}

/** "3,7" (the deciders so far) → [3, 7]. */
export const idList = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .filter(Boolean)
    .map(Number)

function decidable({ currentAdmin, record }: ActionContext) {
  if (!record) return false
  const p = record.params
  return panelMayDecide(
    {
      status: p.status,
      requestedBy: Number(p.requestedBy),
      level: JSON.parse(p.currentApprover || 'null') ?? undefined,
      deciders: idList(p.deciders),
    },
    currentAdmin as PanelUser | undefined
  )
}

/** Shown to the requester of a pending request (ApprovalService.cancel refuses anyone else). */
function cancellable({ currentAdmin, record }: ActionContext) {
  const user = currentAdmin as PanelUser | undefined
  return Boolean(
    user &&
    record?.params.status === 'pending' &&
    Number(record.params.requestedBy) === Number(user.id)
  )
}

const approvals = () => app.container.make(ApprovalService)
const rules = () => app.container.make(ApprovalRuleService)

/** After a decision: back to the request, with what happened. */
const decided =
  (message: string) =>
  (result: { approval: ApprovalView }, context: ActionContext): FormDone => {
    const { approval } = result
    const nextLevel = approval.status === 'pending'
    return {
      redirectUrl: showUrl(context, 'approval_requests', approval.id),
      message: nextLevel ? 'approvalLevelApproved' : message,
      options: { id: approval.id, level: approval.currentLevel - 1 },
    }
  }

type Decide = (service: ApprovalService, uow: any, id: number, comment: string | null) => any

/** A record action with a comment/confirmation form (action_form.jsx) run through ApprovalService. */
function decisionAction(
  icon: string,
  isVisible: (context: ActionContext) => boolean,
  fields: Array<{ name: string; type: string }>,
  run: Decide,
  message: string
) {
  const action = recordFormAction<{ comment?: string }>(icon, fields, isVisible, {
    permission: 'approvals.read',
    validator: decisionValidator,
    run: async (uow, input, _user, context) =>
      run(await approvals(), uow, Number(context.record!.id()), input.comment ?? null),
    done: decided(message),
  })
  // the form shows what is decided: kind, customer, amount and currency (column `summary`)
  return { ...action, custom: { ...action.custom, summary: 'summary' } }
}

const comment = () => [{ name: 'comment', type: 'textarea' }]

/** Approve, reject (the current level's approver) and withdraw (the requester). */
export const requestActions = {
  approve: decisionAction(
    'Check',
    decidable,
    comment(),
    (service, uow, id, text) => service.approve(uow, id, text),
    'approvalApproved'
  ),
  reject: decisionAction(
    'X',
    decidable,
    comment(),
    (service, uow, id, text) => service.reject(uow, id, text),
    'approvalRejected'
  ),
  cancel: decisionAction(
    'CornerUpLeft',
    cancellable,
    [],
    (service, uow, id) => service.cancel(uow, id),
    'approvalCancelled'
  ),
}

/** "finance_manager, admin" / "user:12" → levels; each item a role or one user. */
export function parseLevels(text: unknown): ApprovalLevel[] {
  const items = String(text ?? '')
    .split(/[,，;；>→\s]+/)
    .filter(Boolean)
  return items.map((item) => {
    const user = /^user:(\d+)$/i.exec(item)
    if (user) return { userId: Number(user[1]) }
    if ((ROLES as readonly string[]).includes(item)) return { role: item }
    throw new InvalidInput(
      'levelsInput',
      'level',
      `"${item}" is neither a role (${ROLES.join(', ')}) nor user:<id>`
    )
  })
}

const ruleValidator = {
  validate: async (data: any) => {
    const { levelsInput, ...rest } = data ?? {}
    return approvalRuleValidator.validate({ ...rest, levels: parseLevels(levelsInput) })
  },
}

const ruleDone = (rule: { id: number; name: string }, context: ActionContext): FormDone => ({
  redirectUrl: showUrl(context, 'approval_rules', rule.id),
  message: `${rule.name} ✓`,
})

/** New and edit, through ApprovalRuleService (the API's service). */
export const ruleActions = {
  new: formAction({
    permission: 'approval_rules.manage',
    validator: ruleValidator,
    run: async (uow, input) => rules().then((service) => service.create(uow, input)),
    done: ruleDone,
  }),
  edit: formAction({
    permission: 'approval_rules.manage',
    validator: ruleValidator,
    run: async (uow, input, _user, context) =>
      rules().then((service) => service.update(uow, Number(context.record!.id()), input)),
    done: ruleDone,
  }),
}
