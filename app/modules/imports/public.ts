// What other modules may use of imports (docs/structure.md, "Public surfaces").

export { default as ImportsController } from '#modules/imports/controllers/imports_controller'
export { IMPORT_KINDS } from '#modules/imports/kinds/profiles'
export { importSchemas } from '#modules/imports/services/import_schemas'
