/*
| The backup module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export { backupSchemas } from '#modules/backup/services/backup_schemas'
