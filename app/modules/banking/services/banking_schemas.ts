import { dataList, nullable, ref, shape, types, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of the banking module's answers (API document components). */
export const bankingSchemas: Record<string, JsonSchema> = {
  BankAccount: shape({
    id: ref('Id'),
    name: types.string,
    bankName: types.stringOrNull,
    accountNo: types.string,
    currency: ref('Currency'),
    channel: { enum: ['bank_transfer', 'wechat', 'alipay'] },
    isActive: types.boolean,
  }),
  BankAccountList: dataList(ref('BankAccount')),
  BankSettings: shape({
    autoPostConfidence: { type: 'string', pattern: '^\\d\\.\\d{3}$' },
    matchWindowDays: { type: 'integer', minimum: 0 },
    forbidUnconfirmedUse: types.boolean,
  }),
  BankLine: shape({ id: ref('Id'), status: types.string }),
  BankLineList: shape({
    data: { type: 'array', items: ref('BankLine') },
    nextBeforeId: nullable(ref('Id')),
  }),
  BankStatementList: dataList(shape({ id: ref('Id') })),
  BankStatementImport: types.object,
  Reconciliation: shape({ unreconciledAmount: ref('Amount') }),
}
