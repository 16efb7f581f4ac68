import { rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { backupSettings } from '#modules/backup/backup_settings'
import { createBackup, type BackupFormat } from '#modules/backup/services/backup_writer'
import { backupsToKeep } from '#modules/backup/services/retention'

/**
 * Backups as the product knows them: written, recorded in `backups` with an audit row in the same
 * transaction, and pruned by the retention policy (files removed, rows kept with `pruned_at`).
 */
export async function takeBackup(
  actor: Actor,
  options: { trigger: 'manual' | 'scheduled'; outDir?: string; format?: BackupFormat }
) {
  const created = await createBackup({
    databaseUrl: backupSettings.databaseUrl,
    outDir: options.outDir ?? backupSettings.directory,
    format: options.format ?? backupSettings.format,
  })
  const { manifest } = created
  const row = {
    file_name: basename(created.file),
    directory: dirname(created.file),
    format: manifest.format,
    trigger: options.trigger,
    bytes: created.bytes,
    sha256: created.sha256,
    journal_position: manifest.ledgerPosition.journalId,
    audit_position: manifest.ledgerPosition.auditLogId,
    schema_last: manifest.schema.last,
    taken_at: manifest.createdAt,
    created_by: actor.userId,
  }
  const id = await runInTransaction(actor, async (uow) => {
    const [inserted] = await uow.trx.table('backups').insert(row).returning('id')
    uow.audit({ entityType: 'backup', entityId: inserted.id, action: 'create', after: row })
    return Number(inserted.id)
  })
  return { id, ...created }
}

/** Removes the backup files the retention policy no longer keeps; returns how many. */
export async function pruneBackups(
  actor: Actor,
  policy = backupSettings.retention
): Promise<number> {
  const rows = await db.from('backups').whereNull('pruned_at').select('id', 'taken_at')
  const keep = backupsToKeep(
    rows.map((row) => ({ id: Number(row.id), takenAt: new Date(row.taken_at) })),
    policy
  )
  const pruned = rows.map((row) => Number(row.id)).filter((id) => !keep.has(id))
  if (pruned.length === 0) return 0
  await runInTransaction(actor, async (uow) => {
    const gone = await uow.trx
      .from('backups')
      .whereIn('id', pruned)
      .whereNull('pruned_at')
      .update({ pruned_at: new Date() })
      .returning(['id', 'directory', 'file_name'])
    for (const backup of gone) await rm(join(backup.directory, backup.file_name), { force: true })
    uow.audit({
      entityType: 'backup',
      entityId: null,
      action: 'prune',
      after: { pruned: gone.map((backup) => backup.file_name), policy },
    })
  })
  return pruned.length
}
