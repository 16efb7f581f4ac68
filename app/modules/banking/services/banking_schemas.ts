import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of the banking module's answers (API document components). */
export const bankingSchemas: Record<string, JsonSchema> = {
  BankAccount: shape({
    id: ref('Id'),
    ...props('string', 'name accountNo'),
    ...nullableProps('string', 'bankName'),
    currency: ref('Currency'),
    channel: { enum: ['bank_transfer', 'wechat', 'alipay'] },
    ...props('boolean', 'isActive'),
  }),
  BankAccountList: dataList(ref('BankAccount')),
  BankSettings: shape({
    autoPostConfidence: { type: 'string', pattern: '^\\d\\.\\d{3}$' },
    matchWindowDays: { type: 'integer', minimum: 0 },
    ...props('boolean', 'forbidUnconfirmedUse'),
  }),
  BankLine: shape({ id: ref('Id'), ...props('string', 'status') }),
  BankLineList: shape({ data: arrayOf(ref('BankLine')), nextBeforeId: nullable(ref('Id')) }),
  BankStatementList: shape({
    data: arrayOf(shape({ id: ref('Id') })),
    nextBeforeId: nullable(ref('Id')),
  }),
  BankStatementImport: { type: 'object' },
  Reconciliation: shape({ unreconciledAmount: ref('Amount') }),
}
