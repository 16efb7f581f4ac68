import { hostname } from 'node:os'
import db from '@adonisjs/lucid/services/db'
import { systemActor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'

/** A run claimed this long ago and not finished belonged to a worker that died: claim it again. */
const STALE_MINUTES = 30
const PROGRESS_EVERY_MS = 1000
const WORKER = `${hostname()}:${process.pid}`

/**
 * A full re-verification of every chain from its genesis, as a job: requested (API, panel or the
 * nightly schedule), claimed by one worker, its progress written as it goes, its result audited.
 * A request while one is queued or running returns that one.
 */
export async function requestFullRun(uow: UnitOfWork) {
  await uow.trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', ['audit_verify_runs'])
  const open = await uow.trx
    .from('audit_verify_runs')
    .whereIn('status', ['queued', 'running'])
    .orderBy('id')
    .first()
  if (open) return runView(open)
  const [run] = await uow.trx
    .table('audit_verify_runs')
    .insert({ mode: 'full', requested_by: uow.actor.userId })
    .returning('*')
  uow.audit({ entityType: 'audit_verify_run', entityId: run.id, action: 'request' })
  return runView(run)
}

export async function findRun(id: number) {
  const run = await db.from('audit_verify_runs').where('id', id).first()
  return run ? runView(run) : null
}

export async function latestFullRun() {
  const run = await db.from('audit_verify_runs').where('mode', 'full').orderBy('id', 'desc').first()
  return run ? runView(run) : null
}

/** Claims the oldest queued (or abandoned) run and carries it out; false when there was none. */
export async function workNextRun(): Promise<boolean> {
  const claimed = await db.rawQuery(
    `UPDATE audit_verify_runs SET status = 'running', started_at = now(), claimed_by = ?,
            rows_checked = 0,
            rows_total = (SELECT reltuples::bigint FROM pg_class WHERE oid = 'audit_logs'::regclass)
      WHERE id = (SELECT id FROM audit_verify_runs
                   WHERE status = 'queued'
                      OR (status = 'running' AND started_at < now() - make_interval(mins => ?))
                   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`,
    [WORKER, STALE_MINUTES]
  )
  const id = claimed.rows[0]?.id
  if (!id) return false
  await carryOut(Number(id))
  return true
}

async function carryOut(id: number) {
  let checked = 0
  let flushedAt = Date.now()
  // one progress write in flight at a time, and none left to land after the result
  let flushing: Promise<unknown> = Promise.resolve()
  const onRows = (rows: number) => {
    checked += rows
    if (Date.now() - flushedAt < PROGRESS_EVERY_MS) return
    flushedAt = Date.now()
    const rowsChecked = checked
    flushing = flushing
      .then(() =>
        db.from('audit_verify_runs').where('id', id).update({ rows_checked: rowsChecked })
      )
      .catch(() => undefined) // progress is a courtesy; the result below is what counts
  }
  try {
    const report = await verifyAuditChains({ mode: 'full', onRows })
    await flushing
    await runInTransaction(systemActor('audit:verify-run'), async (uow) => {
      await uow.trx
        .from('audit_verify_runs')
        .where('id', id)
        .update({
          status: 'done',
          finished_at: new Date(),
          rows_checked: report.rowsChecked,
          valid: report.valid,
          first_broken: report.firstBroken ? JSON.stringify(report.firstBroken) : null,
        })
      uow.audit({ entityType: 'audit_verify_run', entityId: id, action: 'verify', after: report })
    })
  } catch (error) {
    await db
      .from('audit_verify_runs')
      .where('id', id)
      .update({ status: 'failed', finished_at: new Date(), error: (error as Error).message })
    throw error
  }
}

function runView(row: Record<string, any>) {
  const started = row.started_at ? new Date(row.started_at) : null
  const finished = row.finished_at ? new Date(row.finished_at) : null
  const checked = Number(row.rows_checked)
  const total = row.rows_total === null ? null : Math.max(Number(row.rows_total), checked)
  const seconds = started ? ((finished ?? new Date()).getTime() - started.getTime()) / 1000 : 0
  const rate = seconds > 0 ? Math.round(checked / seconds) : null
  return {
    id: Number(row.id),
    mode: row.mode as 'full' | 'incremental',
    status: row.status as 'queued' | 'running' | 'done' | 'failed',
    requestedAt: new Date(row.requested_at).toISOString(),
    startedAt: started?.toISOString() ?? null,
    finishedAt: finished?.toISOString() ?? null,
    rowsChecked: checked,
    rowsTotal: total,
    rowsPerSecond: rate,
    etaSeconds:
      row.status === 'running' && rate && total ? Math.ceil((total - checked) / rate) : null,
    valid: row.valid,
    firstBroken: row.first_broken,
    error: row.error,
  }
}
