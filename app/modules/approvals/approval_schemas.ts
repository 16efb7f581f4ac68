import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of approval_view.ts and the approval rules (API document components). */
export const approvalSchemas: Record<string, JsonSchema> = {
  Approval: shape({
    id: ref('Id'),
    ...props('string', 'actionType'),
    status: { enum: ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'failed'] },
    ruleId: nullable(ref('Id')),
    levels: arrayOf({ type: 'object' }),
    currentLevel: { type: 'integer', minimum: 0 },
    customerId: nullable(ref('Id')),
    projectId: nullable(ref('Id')),
    currency: nullable(ref('Currency')),
    amount: nullable(ref('Amount')),
    baseAmount: nullable(ref('Amount')),
    reserved: nullable(ref('Amount')),
    ...props('object', 'request'),
    journalId: nullable(ref('Id')),
    requestedBy: ref('Id'),
    createdAt: ref('Instant'),
    expiresAt: ref('Instant'),
    decidedAt: nullable(ref('Instant')),
    ...nullableProps('string', 'comment'),
    decisions: arrayOf(
      shape({
        ...props('integer', 'level'),
        ...props('string', 'decision'),
        decidedBy: ref('Id'),
        ...nullableProps('string', 'comment'),
        decidedAt: ref('Instant'),
      })
    ),
  }),
  ApprovalList: dataList(ref('Approval')),
  ApprovalDecision: shape(
    {
      approval: ref('Approval'),
      result: { description: 'at the last level: what the approved action answered (a journal…)' },
    },
    ['result']
  ),
  ApprovalRule: shape({
    id: ref('Id'),
    ...props('string', 'name actionType'),
    minBaseAmount: nullable(ref('Amount')),
    currency: nullable(ref('Currency')),
    ...nullableProps('string', 'department'),
    projectId: nullable(ref('Id')),
    levels: arrayOf({ type: 'object' }),
    ...props('boolean', 'isActive'),
  }),
  ApprovalRuleList: dataList(ref('ApprovalRule')),
}
