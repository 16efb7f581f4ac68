// What other modules may use of vouchers (docs/structure.md, "Public surfaces").

export { setMapping } from '#modules/vouchers/services/account_map_service'
export { voucherSchemas } from '#modules/vouchers/services/voucher_schemas'
export {
  mappingValidator,
  voucherExportValidator,
} from '#modules/vouchers/validators/voucher_validators'
