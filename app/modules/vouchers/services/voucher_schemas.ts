import type { JsonSchema } from '#kernel/json_schema'
import { dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of the account mapping (科目对照; API document components). */
export const voucherSchemas: Record<string, JsonSchema> = {
  VoucherAccountMapping: shape({
    ...props('string', 'accountCode accountName'),
    ...nullableProps('string', 'externalCode externalName'),
    ...props('boolean', 'customerAux projectAux'),
    updatedAt: nullable(ref('Instant')),
  }),
  VoucherAccountMappingList: dataList(ref('VoucherAccountMapping')),
}
