import { dataList, nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of the banking module's answers (API document components). */
export const bankingSchemas: Record<string, JsonSchema> = {
  BankAccount: shape({
    id: ref('Id'),
    name: { type: 'string' },
    bankName: { type: ['string', 'null'] },
    accountNo: { type: 'string' },
    currency: ref('Currency'),
    channel: { enum: ['bank_transfer', 'wechat', 'alipay'] },
    isActive: { type: 'boolean' },
  }),
  BankAccountList: dataList(ref('BankAccount')),
  BankSettings: shape({
    autoPostConfidence: { type: 'string', pattern: '^\\d\\.\\d{3}$' },
    matchWindowDays: { type: 'integer', minimum: 0 },
    forbidUnconfirmedUse: { type: 'boolean' },
  }),
  BankLine: shape({ id: ref('Id'), status: { type: 'string' } }),
  BankLineList: shape({
    data: { type: 'array', items: ref('BankLine') },
    nextBeforeId: nullable(ref('Id')),
  }),
  BankStatementList: dataList(shape({ id: ref('Id') })),
  BankStatementImport: { type: 'object' },
  Reconciliation: shape({ unreconciledAmount: ref('Amount') }),
}
