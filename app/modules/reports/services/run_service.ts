import db from '@adonisjs/lucid/services/db'
import { systemActor, type Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { previousFire } from '#modules/reports/services/cron'
import { periodFor } from '#modules/reports/services/report_period'
import type { ScheduleRow } from '#modules/reports/services/schedule_service'
import { NotFound } from '#kernel/errors'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

export interface RunRow {
  id: number
  schedule_id: number | null
  kind: 'statements' | 'exec_pack'
  locale: 'zh-CN' | 'en'
  period_from: string
  period_to: string
  scheduled_for: Date | null
  status: string
}

/**
 * Creates report runs and their delivery rows. A scheduled run is unique per (schedule, fire
 * instant), so any number of schedulers firing the same instant create one run; each delivery row
 * is unique per (run, recipient), so it can be delivered exactly once.
 */
export class RunService {
  async createRun(
    schedule: ScheduleRow,
    options: { at: Date; scheduledFor: Date | null; actor?: Actor }
  ): Promise<{ run: RunRow; created: boolean }> {
    const period = periodFor(schedule.period_rule, options.at, schedule.timezone)
    return runInTransaction(options.actor ?? systemActor('scheduler'), async (uow) => {
      const inserted = await uow.trx.rawQuery(
        `INSERT INTO report_runs (schedule_id, kind, locale, period_from, period_to, scheduled_for, triggered_by)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (schedule_id, scheduled_for) DO NOTHING RETURNING *`,
        [
          schedule.id,
          schedule.kind,
          schedule.locale,
          period.from,
          period.to,
          options.scheduledFor,
          options.scheduledFor ? 'schedule' : 'manual',
        ] as any[]
      )
      if (!inserted.rows[0]) {
        const existing = await uow.trx.rawQuery(
          'SELECT * FROM report_runs WHERE schedule_id = ? AND scheduled_for = ?',
          [schedule.id, options.scheduledFor] as any[]
        )
        return { run: existing.rows[0], created: false }
      }
      const run: RunRow = inserted.rows[0]
      if (schedule.kind === 'exec_pack') {
        await uow.trx.rawQuery(
          `INSERT INTO report_deliveries (run_id, recipient_key, recipients) VALUES (?, 'exec', ?)`,
          [run.id, schedule.recipients]
        )
      } else {
        await insertStatementDeliveries(uow.trx, run, schedule.customer_ids)
      }
      uow.audit({
        entityType: 'report_run',
        entityId: run.id,
        action: 'create',
        after: { scheduleId: schedule.id, kind: run.kind, from: period.from, to: period.to },
      })
      return { run, created: true }
    })
  }

  /**
   * Creates the runs that are due: for each enabled schedule, the latest cron instant after the
   * one it last fired for. Safe to call from several processes at once.
   */
  async fireDue(now = new Date()): Promise<RunRow[]> {
    const schedules = await db.rawQuery('SELECT * FROM report_schedules WHERE enabled ORDER BY id')
    const created: RunRow[] = []
    for (const schedule of schedules.rows as ScheduleRow[]) {
      const due = previousFire(schedule.cron, schedule.timezone, now)
      const last = schedule.last_fired_at ?? schedule.created_at
      if (due <= last) continue
      // the unique (schedule, instant) run makes concurrent firings create one run
      const { run, created: isNew } = await this.createRun(schedule, { at: due, scheduledFor: due })
      await db.rawQuery(
        `UPDATE report_schedules SET last_fired_at = greatest(coalesce(last_fired_at, created_at), ?) WHERE id = ?`,
        [due, schedule.id]
      )
      if (isNew) created.push(run)
    }
    return created
  }

  async find(id: number): Promise<RunRow> {
    const result = await db.rawQuery('SELECT * FROM report_runs WHERE id = ?', [id])
    if (!result.rows[0]) throw new NotFound('report run')
    return result.rows[0]
  }

  /** Runs that still have work (pending, retryable or stale-claimed deliveries). */
  async unfinishedRunIds(): Promise<number[]> {
    const result = await db.rawQuery(
      `SELECT id FROM report_runs WHERE status = 'running' ORDER BY id`
    )
    return result.rows.map((row: { id: number }) => row.id)
  }
}

/**
 * One statement delivery per customer (every active one when `customerIds` is null): to the
 * customer's contact address and its finance contacts, the sales owner in CC, in the customer's
 * statement language (else the run's). Without any address the delivery is skipped.
 */
export async function insertStatementDeliveries(
  trx: TransactionClientContract,
  run: RunRow,
  customerIds: number[] | null,
  /** the run's language for every customer (send now with an explicit locale) */
  forceLocale = false
) {
  await trx.rawQuery(
    `INSERT INTO report_deliveries (run_id, customer_id, recipient_key, recipients, cc, locale, status, error)
     SELECT :runId, c.id, 'customer:' || c.id, t.emails, coalesce(o.cc, '{}'),
            CASE WHEN :force THEN :locale ELSE coalesce(c.statement_locale, :locale) END,
            CASE WHEN cardinality(t.emails) = 0 THEN 'skipped' ELSE 'pending' END,
            CASE WHEN cardinality(t.emails) = 0 THEN 'customer has no contact email' END
       FROM customers c
      CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(e.email ORDER BY e.n), '{}') AS emails
              FROM (SELECT DISTINCT ON (lower(a.email)) a.email, a.n
                      FROM (SELECT nullif(c.contact_email, '') AS email, 0::bigint AS n
                            UNION ALL
                            SELECT k.email, k.id FROM customer_contacts k
                             WHERE k.customer_id = c.id AND k.role = 'finance') a
                     WHERE a.email IS NOT NULL
                     ORDER BY lower(a.email), a.n) e) t
       LEFT JOIN LATERAL (SELECT ARRAY[u.email]::text[] AS cc FROM users u
                           WHERE u.id = c.sales_owner_id AND u.is_active) o ON true
      WHERE (:ids::bigint[] IS NULL AND c.status = 'active') OR c.id = ANY(:ids::bigint[])
      ORDER BY c.id`,
    { runId: run.id, locale: run.locale, ids: customerIds, force: forceLocale } as any
  )
}
