import { dataList, nullable, ref, shape, types, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of the account mapping (科目对照; API document components). */
export const voucherSchemas: Record<string, JsonSchema> = {
  VoucherAccountMapping: shape({
    accountCode: types.string,
    accountName: types.string,
    externalCode: types.stringOrNull,
    externalName: types.stringOrNull,
    customerAux: types.boolean,
    projectAux: types.boolean,
    updatedAt: nullable(ref('Instant')),
  }),
  VoucherAccountMappingList: dataList(ref('VoucherAccountMapping')),
}
