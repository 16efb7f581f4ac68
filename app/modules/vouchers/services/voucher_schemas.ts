import { dataList, nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of the account mapping (科目对照; API document components). */
export const voucherSchemas: Record<string, JsonSchema> = {
  VoucherAccountMapping: shape({
    accountCode: { type: 'string' },
    accountName: { type: 'string' },
    externalCode: { type: ['string', 'null'] },
    externalName: { type: ['string', 'null'] },
    customerAux: { type: 'boolean' },
    projectAux: { type: 'boolean' },
    updatedAt: nullable(ref('Instant')),
  }),
  VoucherAccountMappingList: dataList(ref('VoucherAccountMapping')),
}
