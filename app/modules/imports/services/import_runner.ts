import db from '@adonisjs/lucid/services/db'
import { commitUnit, UnitOfWork } from '#kernel/unit_of_work'
import type { Actor } from '#kernel/actor'
import type { ApprovalLevel } from '#modules/approvals/public'
import type { ApprovalDecision } from '#modules/imports/services/import_approvals'
import {
  openTabular,
  TabularHeaderNotFound,
  TabularTooLarge,
  type TabularReader,
  type TabularRow,
} from '#kernel/tabular/index'
import { PROFILES, type ImportKindName } from '#modules/imports/kinds/profiles'
import { IMPORT_HANDLERS } from '#modules/imports/kinds/handlers'
import { RowErrors, type RowError } from '#modules/imports/services/row_errors'
import type { ImportContext, ImportStats } from '#modules/imports/services/import_context'

export interface JobRow {
  id: number
  kind: ImportKindName
  status: string
  file_path: string
  file_sha256: string
  file_name: string
  options: { goLiveDate?: string | null; mapping?: Record<string, string> }
  created_by: number
  approval_rule_id: number | null
  /** the rule's levels when the job was held for approval, and the decisions taken so far */
  approval_levels?: ApprovalLevel[] | null
  approval_decisions?: ApprovalDecision[]
  result?: { maxBaseAmount?: string | null } | null
}

export interface RunOutcome {
  ok: boolean
  stats: ImportStats
  errors: RowError[]
  errorCount: number
  header: unknown
}

/**
 * Runs one import job's file through its kind in one transaction: every row validated, everything
 * written only when no row is wrong. A dry run always rolls back; a commit commits (with the job's
 * new state and its audit row in the same transaction) or rolls back entirely.
 */
export async function runImport(
  job: JobRow,
  actor: Actor,
  dryRun: boolean,
  onCommitted?: (uow: UnitOfWork, outcome: RunOutcome) => Promise<void>
): Promise<RunOutcome> {
  const errors = new RowErrors(job.kind)
  const stats: ImportStats = { total: 0, valid: 0, posted: 0, skipped: 0 }
  const trx = await db.transaction()
  const uow = new UnitOfWork(trx, actor)
  let header: unknown = null
  let reader: TabularReader | null = null
  try {
    reader = await openReader(job, errors)
    if (reader) {
      header = reader.header
      const ctx: ImportContext = {
        kind: job.kind,
        jobId: job.id,
        uow,
        actor,
        errors,
        options: { goLiveDate: job.options.goLiveDate ?? null },
        stats,
        dryRun,
      }
      await IMPORT_HANDLERS[job.kind].run(ctx, withEveryField(job.kind, reader.rows))
      if (stats.total === 0 && !errors.any) errors.add(0, null, 'no_rows')
    }
    const outcome = {
      ok: !errors.any,
      // a dry run may rehearse postings (movements, openings); none of them stays
      stats: dryRun ? { ...stats, posted: 0 } : stats,
      // in row order: row checks report as rows stream by, set-based checks (SQL) afterwards
      errors: errors.list.sort((a, b) => a.row - b.row),
      errorCount: errors.count,
      header,
    }
    if (dryRun || errors.any) {
      // a dry run proves the deferred checks (balanced journals) too, then leaves nothing
      if (!errors.any && dryRun) await trx.rawQuery('SET CONSTRAINTS ALL IMMEDIATE')
      await trx.rollback()
      return outcome
    }
    await onCommitted?.(uow, outcome)
    await commitUnit(uow, trx)
    uow.react()
    return outcome
  } catch (error) {
    if (!trx.isCompleted) await trx.rollback()
    throw error
  } finally {
    await reader?.close()
  }
}

/** Rows with every field of the kind present ('' for a column the file does not have). */
async function* withEveryField(kind: ImportKindName, rows: AsyncIterable<TabularRow>) {
  const fields = PROFILES[kind].fields.map((f) => f.field)
  for await (const row of rows) {
    for (const field of fields) row.values[field] ??= ''
    yield row
  }
}

async function openReader(job: JobRow, errors: RowErrors) {
  try {
    const reader = await openTabular(job.file_path, {
      profile: PROFILES[job.kind],
      headerOverrides: job.options.mapping ?? {},
    })
    const { header } = reader
    for (const field of header.missing) errors.add(header.rowNumber, field, 'missing_column')
    for (const field of header.duplicates) errors.add(header.rowNumber, field, 'duplicate_column')
    if (errors.any) {
      await reader.close()
      return null
    }
    return reader
  } catch (error) {
    if (error instanceof TabularTooLarge)
      errors.add(0, null, 'too_large', { max: error.limitBytes / 2 ** 20 })
    else if (error instanceof TabularHeaderNotFound) errors.add(0, null, 'no_header')
    else throw error
    return null
  }
}
