/*
| The imports module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export { default as ImportsController } from '#modules/imports/controllers/imports_controller'
export { IMPORT_KINDS } from '#modules/imports/kinds/profiles'
export { importSchemas } from '#modules/imports/services/import_schemas'
