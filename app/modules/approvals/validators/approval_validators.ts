import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { APPROVAL_ACTIONS } from '#modules/approvals/default_rules'
import { ROLES } from '#modules/identity/public'
import { amountString, currencyCode, recordId } from '#kernel/validation_rules'

export const listApprovalsValidator = vine.compile(
  vine.object({
    status: vine.enum(['pending', 'approved', 'rejected', 'cancelled', 'expired']).optional(),
    awaitingMe: vine.boolean().optional(),
    customerId: recordId().optional(),
    limit: vine.number().withoutDecimals().min(1).max(500).optional(),
  })
)

export const decisionValidator = vine.compile(
  vine.object({
    comment: vine.string().trim().maxLength(1000).optional(),
  })
)

const level = vine.object({
  role: vine.enum(ROLES).optional(),
  userId: recordId().optional(),
})

export const approvalRuleValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(120),
    actionType: vine.enum(APPROVAL_ACTIONS),
    minBaseAmount: amountString().nullable().optional(),
    currency: currencyCode().nullable().optional(),
    department: vine.string().trim().maxLength(80).nullable().optional(),
    projectId: recordId().nullable().optional(),
    levels: vine.array(level).minLength(1).maxLength(5),
    isActive: vine.boolean().optional(),
  })
)

export type ApprovalRuleInput = Infer<typeof approvalRuleValidator>
