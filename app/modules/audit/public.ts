// What other modules may use of audit (docs/structure.md, "Public surfaces").

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
