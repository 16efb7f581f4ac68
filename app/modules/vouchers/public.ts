/*
| The vouchers module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export { setMapping } from '#modules/vouchers/services/account_map_service'
export { voucherSchemas } from '#modules/vouchers/services/voucher_schemas'
export {
  mappingValidator,
  voucherExportValidator,
} from '#modules/vouchers/validators/voucher_validators'
