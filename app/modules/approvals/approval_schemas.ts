import { dataList, nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of approval_view.ts and the approval rules (API document components). */
export const approvalSchemas: Record<string, JsonSchema> = {
  Approval: shape({
    id: ref('Id'),
    actionType: { type: 'string' },
    status: { enum: ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'failed'] },
    ruleId: nullable(ref('Id')),
    levels: { type: 'array', items: { type: 'object' } },
    currentLevel: { type: 'integer', minimum: 0 },
    customerId: nullable(ref('Id')),
    projectId: nullable(ref('Id')),
    currency: nullable(ref('Currency')),
    amount: nullable(ref('Amount')),
    baseAmount: nullable(ref('Amount')),
    reserved: nullable(ref('Amount')),
    request: { type: 'object' },
    journalId: nullable(ref('Id')),
    requestedBy: ref('Id'),
    createdAt: ref('Instant'),
    expiresAt: ref('Instant'),
    decidedAt: nullable(ref('Instant')),
    comment: { type: ['string', 'null'] },
    decisions: {
      type: 'array',
      items: shape({
        level: { type: 'integer' },
        decision: { type: 'string' },
        decidedBy: ref('Id'),
        comment: { type: ['string', 'null'] },
        decidedAt: ref('Instant'),
      }),
    },
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
    name: { type: 'string' },
    actionType: { type: 'string' },
    minBaseAmount: nullable(ref('Amount')),
    currency: nullable(ref('Currency')),
    department: { type: ['string', 'null'] },
    projectId: nullable(ref('Id')),
    levels: { type: 'array', items: { type: 'object' } },
    isActive: { type: 'boolean' },
  }),
  ApprovalRuleList: dataList(ref('ApprovalRule')),
}
