/*
| The audit module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export { AUDIT_USER_AGENT_SQL, stateAt } from '#modules/audit/services/audit_queries'
export { auditSchemas } from '#modules/audit/services/audit_schemas'
export {
  actorBindings,
  appendAuditEntries,
  auditEntriesJson,
} from '#modules/audit/services/audit_writer'
export type { AuditEntry } from '#modules/audit/services/audit_writer'
export { latestFullRun, requestFullRun } from '#modules/audit/services/verify_runs'
export { auditQueryValidator, historyValidator } from '#modules/audit/validators/audit_validators'
