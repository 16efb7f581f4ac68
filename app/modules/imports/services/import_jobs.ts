import db from '@adonisjs/lucid/services/db'
import { Conflict, Forbidden, InvalidInput, NotFound } from '#kernel/errors'
import { hasPermission, type Permission } from '#modules/identity/public'
import type { Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import {
  approvalRuleFor,
  moveHeldJob,
  moveJob,
  nextDecision,
  recordLevel,
  rejectHeld,
  requestApproval,
} from '#modules/imports/services/import_approvals'
import { IMPORT_KINDS, type ImportKindName } from '#modules/imports/kinds/profiles'
import { runImport, type JobRow, type RunOutcome } from '#modules/imports/services/import_runner'
import { storeImportFile } from '#modules/imports/services/import_files'
import { jobView } from '#modules/imports/services/job_view'

/** Who may import each kind: the permission of the API call the rows stand for. */
const IMPORT_PERMISSION: Record<ImportKindName, Permission> = {
  customers: 'customers.write',
  projects: 'customers.write',
  installments: 'installments.write',
  opening: 'adjustments.post',
  receipts: 'receipts.post',
  applications: 'applications.post',
  refunds: 'refunds.post',
  documents: 'applications.post',
}

export interface UploadInput {
  kind: string
  fileName: string
  file: string | Buffer
  goLiveDate?: string | null
  /** header text → field, for headers the template does not know; remembered for the user */
  mapping?: Record<string, string>
}

type Decisions = Awaited<ReturnType<typeof nextDecision>>

function assertKind(kind: string): asserts kind is ImportKindName {
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidInput('kind', 'enum', `kind must be one of ${IMPORT_KINDS.join(', ')}`)
  }
}

/** The permission importing `kind` needs; an unknown kind is refused (InvalidInput on `kind`). */
export function importPermission(kind: string): Permission {
  assertKind(kind)
  return IMPORT_PERMISSION[kind]
}

function assertMay(actor: Actor, kind: ImportKindName) {
  if (!hasPermission(actor.role ?? '', IMPORT_PERMISSION[kind])) throw new Forbidden()
}

/**
 * Import jobs: upload (stored by SHA-256, then dry run), commit (all or nothing, or held for
 * approval), approve (the approver commits it). Each step is audited with the file hash and counts.
 */
export class ImportJobs {
  async upload(actor: Actor, input: UploadInput) {
    assertKind(input.kind)
    const kind = input.kind
    assertMay(actor, kind)
    const stored = await storeImportFile(input.file)
    const committed = await db
      .from('import_jobs')
      .where({ kind, file_sha256: stored.sha256, status: 'committed' })
      .first()
    if (committed) return { ...jobView(committed), duplicateOf: Number(committed.id) }
    const mapping = await this.rememberMapping(actor, kind, input.mapping)
    const [row] = await db
      .table('import_jobs')
      .insert({
        kind,
        status: 'validated',
        file_name: input.fileName.slice(0, 255),
        file_sha256: stored.sha256,
        file_path: stored.path,
        options: JSON.stringify({ goLiveDate: input.goLiveDate ?? null, mapping }),
        created_by: actor.userId,
      })
      .returning('*')
    const outcome = await runImport(row as JobRow, actor, true)
    return this.record(actor, row.id, outcome.ok ? 'validated' : 'rejected', outcome, 'dry_run')
  }

  /** Commits a validated job, or holds it for approval when a rule applies. */
  async commit(actor: Actor, jobId: number) {
    const job = await this.find(jobId)
    assertMay(actor, job.kind)
    if (job.status !== 'validated') {
      throw new Conflict(
        'job_state',
        `import ${jobId} is ${job.status}; only a validated import commits`
      )
    }
    const rule = await approvalRuleFor(job)
    if (rule) return requestApproval(actor, jobId, rule)
    return this.execute(actor, job)
  }

  /**
   * The approver of the current level decides (maker-checker: not the uploader, one person one
   * level). A level that is not the last is recorded; the last one commits the job.
   */
  async approve(actor: Actor, jobId: number) {
    const job = await this.find(jobId)
    const step = await nextDecision(actor, job)
    if (!step.last) return recordLevel(actor, job, step)
    return this.execute(actor, job, step)
  }

  /** The approver of the current level refuses the import; nothing of it is written. */
  async reject(actor: Actor, jobId: number, reason: string | null) {
    return rejectHeld(actor, await this.find(jobId), reason)
  }

  private async execute(actor: Actor, job: JobRow, approval?: Decisions) {
    const outcome = await runImport(job, actor, false, async (uow, result) => {
      const changes = {
        ...this.counts(result),
        status: 'committed',
        committed_by: actor.userId,
        committed_at: new Date(),
      }
      const updated = approval
        ? await moveHeldJob(uow.trx, job.id, approval.decided, {
            ...changes,
            decided_by: actor.userId,
            approval_decisions: JSON.stringify(approval.decisions),
          })
        : await moveJob(uow.trx, job.id, 'validated', changes)
      uow.audit({
        entityType: 'import_job',
        entityId: job.id,
        action: 'commit',
        after: jobView(updated),
      })
      uow.publish({
        type: 'import.completed',
        customerId: null,
        data: {
          importId: job.id,
          kind: job.kind,
          fileSha256: job.file_sha256,
          totalRows: result.stats.total,
          postedRows: result.stats.posted,
          skippedRows: result.stats.skipped,
        },
      })
    })
    if (outcome.ok) return jobView(await this.find(job.id))
    return this.record(actor, job.id, 'failed', outcome, 'commit_failed')
  }

  private counts(outcome: RunOutcome) {
    return {
      total_rows: outcome.stats.total,
      valid_rows: outcome.stats.valid,
      error_rows: outcome.errorCount,
      posted_rows: outcome.stats.posted,
      skipped_rows: outcome.stats.skipped,
      errors: JSON.stringify(outcome.errors),
      header: JSON.stringify(outcome.header),
      result: JSON.stringify({ maxBaseAmount: outcome.stats.maxBaseAmount ?? null }),
    }
  }

  private async record(
    actor: Actor,
    jobId: number,
    status: string,
    outcome: RunOutcome,
    action: string
  ) {
    return runInTransaction(actor, async (uow) => {
      const [row] = await uow.trx
        .from('import_jobs')
        .where('id', jobId)
        .update({ ...this.counts(outcome), status, updated_at: new Date() })
        .returning('*')
      const view = jobView(row)
      uow.audit({
        entityType: 'import_job',
        entityId: jobId,
        action,
        after: { ...view, errors: undefined },
      })
      return view
    })
  }

  async find(jobId: number): Promise<JobRow> {
    const row = await db.from('import_jobs').where('id', jobId).first()
    if (!row) throw new NotFound('import')
    return {
      ...row,
      id: Number(row.id),
      created_by: Number(row.created_by),
      approval_decisions: (row.approval_decisions ?? []).map((d: any) => ({
        ...d,
        userId: Number(d.userId),
      })),
    }
  }

  async show(actor: Actor, jobId: number) {
    const job = await this.find(jobId)
    assertMay(actor, job.kind)
    return jobView(job)
  }

  private async rememberMapping(
    actor: Actor,
    kind: ImportKindName,
    given?: Record<string, string>
  ) {
    const saved = await db
      .from('import_column_mappings')
      .where({ user_id: actor.userId, kind })
      .first()
    const mapping = { ...(saved?.mapping ?? {}), ...(given ?? {}) }
    if (given && Object.keys(given).length && actor.userId) {
      await db.rawQuery(
        `INSERT INTO import_column_mappings (user_id, kind, mapping) VALUES (?, ?, ?::jsonb)
         ON CONFLICT (user_id, kind) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
        [actor.userId, kind, JSON.stringify(mapping)]
      )
    }
    return mapping
  }
}
