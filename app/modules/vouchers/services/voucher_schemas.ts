import { dataList, shape, type JsonSchema } from '#modules/shared/json_schema'

/** The wire shapes of the account mapping (科目对照; API document components). */
export const voucherSchemas: Record<string, JsonSchema> = {
  VoucherAccountMapping: shape({ accountCode: { type: 'string' } }),
  VoucherAccountMappingList: dataList(shape({ accountCode: { type: 'string' } })),
}
