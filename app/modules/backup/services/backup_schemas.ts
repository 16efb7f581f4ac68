import type { JsonSchema } from '#kernel/json_schema'
import { dataList, nullable, props, ref, shape } from '#kernel/json_schema'

/** The wire shape of the backup catalogue (backup_queries.ts; API document component). */
export const backupSchemas: Record<string, JsonSchema> = {
  BackupList: dataList(
    shape({
      id: ref('Id'),
      ...props('string', 'fileName format trigger'),
      bytes: { type: 'string', pattern: '^\\d+$', description: 'a byte count, as a string' },
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      journalPosition: { type: 'integer', minimum: 0 },
      auditPosition: { type: 'integer', minimum: 0 },
      takenAt: ref('Instant'),
      prunedAt: nullable(ref('Instant')),
    })
  ),
}
