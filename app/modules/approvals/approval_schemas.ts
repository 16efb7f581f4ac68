import { dataList, nullable, ref, shape, types, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of approval_view.ts and the approval rules (API document components). */
export const approvalSchemas: Record<string, JsonSchema> = {
  Approval: shape({
    id: ref('Id'),
    actionType: types.string,
    status: { enum: ['pending', 'approved', 'rejected', 'cancelled', 'expired', 'failed'] },
    ruleId: nullable(ref('Id')),
    levels: { type: 'array', items: types.object },
    currentLevel: { type: 'integer', minimum: 0 },
    customerId: nullable(ref('Id')),
    projectId: nullable(ref('Id')),
    currency: nullable(ref('Currency')),
    amount: nullable(ref('Amount')),
    baseAmount: nullable(ref('Amount')),
    reserved: nullable(ref('Amount')),
    request: types.object,
    journalId: nullable(ref('Id')),
    requestedBy: ref('Id'),
    createdAt: ref('Instant'),
    expiresAt: ref('Instant'),
    decidedAt: nullable(ref('Instant')),
    comment: types.stringOrNull,
    decisions: {
      type: 'array',
      items: shape({
        level: types.integer,
        decision: types.string,
        decidedBy: ref('Id'),
        comment: types.stringOrNull,
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
    name: types.string,
    actionType: types.string,
    minBaseAmount: nullable(ref('Amount')),
    currency: nullable(ref('Currency')),
    department: types.stringOrNull,
    projectId: nullable(ref('Id')),
    levels: { type: 'array', items: types.object },
    isActive: types.boolean,
  }),
  ApprovalRuleList: dataList(ref('ApprovalRule')),
}
