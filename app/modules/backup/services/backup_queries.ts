import db from '@adonisjs/lucid/services/db'

/** The last 200 backups, newest first, as the API shows them (sizes as strings: bigint). */
export async function listBackups() {
  const rows = await db.from('backups').orderBy('taken_at', 'desc').orderBy('id', 'desc').limit(200)
  return rows.map((row) => ({
    id: Number(row.id),
    fileName: row.file_name,
    format: row.format,
    trigger: row.trigger,
    bytes: String(row.bytes),
    sha256: row.sha256,
    journalPosition: Number(row.journal_position),
    auditPosition: Number(row.audit_position),
    schemaLast: row.schema_last,
    takenAt: new Date(row.taken_at).toISOString(),
    prunedAt: row.pruned_at ? new Date(row.pruned_at).toISOString() : null,
  }))
}
