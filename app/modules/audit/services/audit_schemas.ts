import type { JsonSchema } from '#kernel/json_schema'
import { arrayOf, dataList, nullable, nullableProps, props, ref, shape } from '#kernel/json_schema'

/** The wire shapes of audit_queries.ts and the verifier (API document components). */
export const auditSchemas: Record<string, JsonSchema> = {
  AuditEntry: shape({
    id: ref('Id'),
    occurredAt: ref('Instant'),
    ...props('string', 'entityType action'),
    ...nullableProps('string', 'entityId actorRole ip userAgent requestId'),
    actorId: nullable(ref('Id')),
    before: {},
    after: {},
    ...props('integer', 'chain seq'),
    prevHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  }),
  AuditEntryList: dataList(ref('AuditEntry')),
  AuditHistory: shape({
    ...props('string', 'entityType entityId'),
    at: ref('Instant'),
    ...props('boolean', 'exists'),
    state: {},
    asOfAuditId: nullable(ref('Id')),
    changes: arrayOf(shape({ id: ref('Id'), occurredAt: ref('Instant') })),
  }),
  AuditVerification: shape({
    ...props('boolean', 'valid'),
    rowsChecked: { type: 'integer', minimum: 0 },
    ...nullableProps('object', 'firstBroken'),
    latestFullRun: nullable(ref('AuditVerifyRun')),
  }),
  AuditVerifyRun: shape({
    id: ref('Id'),
    mode: { enum: ['full', 'incremental'] },
    status: { enum: ['queued', 'running', 'done', 'failed'] },
    requestedAt: ref('Instant'),
    startedAt: nullable(ref('Instant')),
    finishedAt: nullable(ref('Instant')),
    rowsChecked: { type: 'integer', minimum: 0 },
    ...nullableProps('integer', 'rowsTotal rowsPerSecond etaSeconds'),
    ...nullableProps('boolean', 'valid'),
    ...nullableProps('object', 'firstBroken'),
    ...nullableProps('string', 'error'),
  }),
}
