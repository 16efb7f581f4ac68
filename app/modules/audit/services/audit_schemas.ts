import { dataList, nullable, ref, shape, type JsonSchema } from '#kernel/json_schema'

/** The wire shapes of audit_queries.ts and the verifier (API document components). */
export const auditSchemas: Record<string, JsonSchema> = {
  AuditEntry: shape({
    id: ref('Id'),
    occurredAt: ref('Instant'),
    actorId: nullable(ref('Id')),
    actorRole: { type: ['string', 'null'] },
    ip: { type: ['string', 'null'] },
    userAgent: { type: ['string', 'null'] },
    requestId: { type: ['string', 'null'] },
    entityType: { type: 'string' },
    entityId: { type: ['string', 'null'] },
    action: { type: 'string' },
    before: {},
    after: {},
    chain: { type: 'integer' },
    seq: { type: 'integer' },
    prevHash: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  }),
  AuditEntryList: dataList(ref('AuditEntry')),
  AuditHistory: shape({
    entityType: { type: 'string' },
    entityId: { type: 'string' },
    at: ref('Instant'),
    exists: { type: 'boolean' },
    state: {},
    asOfAuditId: nullable(ref('Id')),
    changes: { type: 'array', items: shape({ id: ref('Id'), occurredAt: ref('Instant') }) },
  }),
  AuditVerification: shape({
    valid: { type: 'boolean' },
    rowsChecked: { type: 'integer', minimum: 0 },
    firstBroken: { type: ['object', 'null'] },
  }),
}
