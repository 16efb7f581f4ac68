import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { loadCompanyProfile } from '#kernel/company_profile'
import { Money, formatAmount } from '#kernel/money/money'
import type { ReportLocale } from '#modules/reports/services/statement_builder'
import { labelsFor } from '#reports/labels'
import { unreconciledBaseAmount } from '#modules/banking/public'
import { realisedFxGain } from '#modules/reports/services/fx_report'
import {
  CATEGORY,
  LINES_FROM,
  movementColumns,
  type Movements,
} from '#modules/reports/services/report_sql'
import {
  confirmationKpis,
  type ConfirmationKpis,
} from '#modules/reports/confirmations/confirmation_kpis'
import {
  customersBelowThreshold,
  kpiChanges,
  previousPeriod,
  summarySentences,
  topAlerts,
  topApprovals,
  type BelowThreshold,
  type KpiChanges,
  type TopAlert,
  type TopApproval,
} from '#modules/reports/services/exec_pack_extras'

export type Kpis = Movements

export interface NamedAmount {
  code: string | null
  name: string | null
  amount: string
}

export interface MonthPoint {
  month: string
  received: string
  applied: string
  refunded: string
  closing: string
}

export interface AgeingBucket {
  bucket: '0-30' | '31-90' | '91-180' | '180+'
  amount: string
}

/** Counts from modules that may not be installed yet: null means "not available" (shown as —). */
export interface SummaryCount {
  total: number
  lines: { label: string; count: number }[]
}

export interface ExecPackViewModel {
  kind: 'exec_pack'
  locale: ReportLocale
  company: { name: string; nameEn: string | null; baseCurrency: string }
  period: { from: string; to: string }
  generatedOn: string
  ledgerPosition: number
  kpis: Kpis
  /** the period before (same number of months) and its KPIs, and each KPI's change in per cent */
  previous: { period: { from: string; to: string }; kpis: Kpis; changes: KpiChanges }
  /** the opening sentences, generated from the figures below in the pack's language */
  summary: string[]
  belowThreshold: BelowThreshold[]
  topAlerts: TopAlert[]
  topApprovals: TopApproval[]
  topCustomers: NamedAmount[]
  byProject: NamedAmount[]
  trend: MonthPoint[]
  ageing: AgeingBucket[]
  alerts: SummaryCount
  pendingApprovals: SummaryCount
  /** bank and ledger not yet agreeing at the period's end, base currency (app/modules/banking) */
  unreconciledAmount: string
  /** statement confirmation (对账确认): rate for statements of this period, open disputes */
  confirmations: ConfirmationKpis
  /** realised 汇兑损益 of the period (6603), base currency, a loss negative */
  fxGain: string
}

const BUCKETS: Array<{ bucket: AgeingBucket['bucket']; maxDays: number }> = [
  { bucket: '0-30', maxDays: 30 },
  { bucket: '31-90', maxDays: 90 },
  { bucket: '91-180', maxDays: 180 },
  { bucket: '180+', maxDays: Number.POSITIVE_INFINITY },
]
/** The bucket of an age in `days`, as SQL (no age: the oldest). */
const BUCKET_OF_DAYS = `CASE ${BUCKETS.slice(0, -1)
  .map((b) => `WHEN days <= ${b.maxDays} THEN '${b.bucket}'`)
  .join(' ')} ELSE '${BUCKETS.at(-1)!.bucket}' END`

/** The executive pack: KPIs and breakdowns in the base currency (line base amounts). */
export class ExecPackBuilder {
  /** One snapshot (REPEATABLE READ) for every read: the KPIs and the breakdowns reconcile. */
  build(
    period: { from: string; to: string },
    locale: ReportLocale = 'zh-CN'
  ): Promise<ExecPackViewModel> {
    return db.transaction((trx) => this.buildIn(trx, period, locale), {
      isolationLevel: 'repeatable read',
    })
  }

  private async buildIn(
    trx: TransactionClientContract,
    period: { from: string; to: string },
    locale: ReportLocale
  ): Promise<ExecPackViewModel> {
    const base = company.baseCurrency
    const fmt = (value: string | Money) => formatAmount(value, base)
    const bindings = { from: period.from, to: period.to }

    const totals = await trx.rawQuery(
      `SELECT ${movementColumns('l.base_credit', 'l.base_debit')}, coalesce(max(l.journal_id), 0) AS position
        ${LINES_FROM}`,
      bindings
    )
    const t = totals.rows[0]
    const kpis = kpisOf(t, fmt)
    const before = previousPeriod(period)
    const previousTotals = await trx.rawQuery(
      `SELECT ${movementColumns('l.base_credit', 'l.base_debit')} ${LINES_FROM}`,
      before
    )
    const previousKpis = kpisOf(previousTotals.rows[0], fmt)

    const customers = await trx.rawQuery(
      `SELECT c.code, c.name, sum(l.base_credit - l.base_debit) AS amount
         FROM journal_lines l JOIN customers c ON c.id = l.customer_id
        WHERE l.entry_date <= :to
        GROUP BY c.code, c.name ORDER BY amount DESC, c.code LIMIT 10`,
      bindings
    )
    const projects = await trx.rawQuery(
      `SELECT p.code, p.name, sum(l.base_credit - l.base_debit) AS amount
         FROM journal_lines l LEFT JOIN projects p ON p.id = l.project_id
        WHERE l.customer_id IS NOT NULL AND l.entry_date <= :to
        GROUP BY p.code, p.name ORDER BY amount DESC, p.code NULLS LAST LIMIT 10`,
      bindings
    )

    const trend = await this.trend(trx, period.to, fmt)

    const changes = kpiChanges(kpis, previousKpis)
    const below = await customersBelowThreshold(trx, period.to)
    const approvals = await topApprovals(trx, locale)
    const alerts = await this.alerts(trx, locale)
    const profile = await loadCompanyProfile(trx)
    return {
      kind: 'exec_pack',
      locale,
      company: { name: profile.name, nameEn: profile.nameEn, baseCurrency: base },
      period,
      generatedOn: DateTime.now().setZone(company.timezone).toISODate()!,
      ledgerPosition: Number(t.position),
      kpis,
      previous: { period: before, kpis: previousKpis, changes },
      summary: summarySentences(locale, {
        base,
        kpis,
        changes,
        below,
        approvals,
        openAlerts: alerts.total,
      }),
      belowThreshold: below,
      topAlerts: await topAlerts(trx, locale),
      topApprovals: approvals.items,
      topCustomers: customers.rows.map((row: any) => ({
        code: row.code,
        name: row.name,
        amount: fmt(row.amount),
      })),
      byProject: projects.rows.map((row: any) => ({
        code: row.code,
        name: row.name,
        amount: fmt(row.amount),
      })),
      trend,
      ageing: await this.ageing(trx, period.to, fmt),
      alerts,
      pendingApprovals: await this.pendingApprovals(trx, locale),
      unreconciledAmount: await unreconciledBaseAmount(trx, period.to),
      confirmations: await confirmationKpis(trx, period),
      fxGain: await realisedFxGain(trx, period.from, period.to),
    }
  }

  /**
   * The 12 months up to the period's end that have movements (an empty month draws nothing), with
   * the closing balance carried through the empty ones.
   */
  private async trend(
    trx: TransactionClientContract,
    to: string,
    fmt: (value: string | Money) => string
  ): Promise<MonthPoint[]> {
    const lastMonth = DateTime.fromISO(to).startOf('month')
    const firstMonth = lastMonth.minus({ months: 11 })
    const first = firstMonth.toISODate()!
    const monthly = await trx.rawQuery(
      `SELECT to_char(l.entry_date, 'YYYY-MM') AS month,
              coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE ${CATEGORY} = 'receipt'), 0) AS received,
              coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE ${CATEGORY} = 'application'), 0) AS applied,
              coalesce(-sum(l.base_credit - l.base_debit) FILTER (WHERE ${CATEGORY} = 'refund'), 0) AS refunded,
              sum(l.base_credit - l.base_debit) AS net
        ${LINES_FROM} AND l.entry_date BETWEEN :first AND :to
        GROUP BY 1`,
      { to, first }
    )
    const earlier = await trx.rawQuery(
      `SELECT coalesce(sum(base_credit - base_debit), 0) AS total FROM journal_lines
        WHERE customer_id IS NOT NULL AND entry_date < ?`,
      [first]
    )
    const byMonth = new Map<string, any>(monthly.rows.map((row: any) => [row.month, row]))
    let running = new Money(earlier.rows[0].total)
    const trend: MonthPoint[] = []
    for (let i = 0; i < 12; i++) {
      const month = firstMonth.plus({ months: i }).toFormat('yyyy-MM')
      const row = byMonth.get(month)
      running = running.plus(row?.net ?? 0)
      // only months with movements: an empty month draws nothing
      if (!row) continue
      trend.push({
        month,
        received: fmt(row?.received ?? '0'),
        applied: fmt(row?.applied ?? '0'),
        refunded: fmt(row?.refunded ?? '0'),
        closing: fmt(running),
      })
    }
    return trend
  }

  /**
   * Ageing of unapplied advances (FIFO): a customer's positive balance in a currency is made of its
   * newest inflows; each inflow's unapplied part is aged from its date to the end of the period.
   * Computed in PostgreSQL (a newest-first running sum per customer × currency), so the pack does
   * not read every receipt ever made.
   */
  private async ageing(
    trx: TransactionClientContract,
    to: string,
    fmt: (value: Money) => string
  ): Promise<AgeingBucket[]> {
    const result = await trx.rawQuery(
      `WITH balances AS (
         SELECT customer_id, currency, sum(base_credit - base_debit) AS balance
           FROM journal_lines WHERE customer_id IS NOT NULL AND entry_date <= :to
          GROUP BY customer_id, currency HAVING sum(base_credit - base_debit) > 0
       ), inflows AS (
         SELECT l.customer_id, l.currency, l.entry_date, l.base_credit, b.balance,
                sum(l.base_credit) OVER (PARTITION BY l.customer_id, l.currency
                                         ORDER BY l.entry_date DESC, l.id DESC) AS newer_and_this
           FROM journal_lines l JOIN balances b USING (customer_id, currency)
          WHERE l.entry_date <= :to AND l.base_credit > 0
       ), parts AS (
         SELECT :to::date - entry_date AS days,
                least(base_credit, balance - (newer_and_this - base_credit)) AS part
           FROM inflows WHERE newer_and_this - base_credit < balance
         UNION ALL
         -- a balance its inflows do not explain (should not happen) counts as the oldest
         SELECT NULL, b.balance - coalesce(i.total, 0)
           FROM balances b
           LEFT JOIN (SELECT customer_id, currency, sum(base_credit) AS total FROM inflows
                       GROUP BY customer_id, currency) i USING (customer_id, currency)
          WHERE b.balance > coalesce(i.total, 0)
       )
       SELECT ${BUCKET_OF_DAYS} AS bucket, sum(part) AS amount FROM parts GROUP BY 1`,
      { to }
    )
    const sums = new Map<string, string>(
      result.rows.map((row: { bucket: string; amount: string }) => [row.bucket, row.amount])
    )
    return BUCKETS.map((b) => ({
      bucket: b.bucket,
      amount: fmt(new Money(sums.get(b.bucket) ?? 0)),
    }))
  }

  /** Unresolved alerts, by rule, with the rule's name in the pack's language. */
  private async alerts(
    trx: TransactionClientContract,
    locale: ReportLocale
  ): Promise<SummaryCount> {
    const result = await trx.rawQuery(
      `SELECT CASE WHEN ? = 'en' THEN r.name_en ELSE r.name_zh END AS label, count(*) AS count
         FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
        WHERE a.status <> 'resolved' GROUP BY 1 ORDER BY 2 DESC, 1`,
      [locale]
    )
    return summaryOf(result.rows)
  }

  /** Approval requests still pending, by action. */
  private async pendingApprovals(
    trx: TransactionClientContract,
    locale: ReportLocale
  ): Promise<SummaryCount> {
    const result = await trx.rawQuery(
      `SELECT action_type AS label, count(*) AS count FROM approval_requests
        WHERE status = 'pending' GROUP BY 1 ORDER BY 2 DESC, 1`
    )
    const names = labelsFor(locale).approvalActions
    return summaryOf(
      result.rows.map((row: { label: string; count: number }) => ({
        ...row,
        label: names[row.label] ?? row.label,
      }))
    )
  }
}

function kpisOf(row: Record<string, string>, fmt: (value: string) => string): Kpis {
  return {
    opening: fmt(row.opening),
    received: fmt(row.received),
    applied: fmt(row.applied),
    refunded: fmt(row.refunded),
    adjusted: fmt(row.adjusted),
    closing: fmt(row.closing),
  }
}

function summaryOf(rows: Array<{ label: string; count: number | string }>): SummaryCount {
  const lines = rows.map((row) => ({ label: row.label, count: Number(row.count) }))
  return { total: lines.reduce((sum, line) => sum + line.count, 0), lines }
}
