import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { t } from '#kernel/i18n'
import { Money } from '#kernel/money/money'
import { displayMoney, renderMessage } from '#modules/alerts/public'
import type { ReportLocale } from '#modules/reports/services/statement_builder'
import type { Movements } from '#modules/reports/services/report_sql'
import { CLOSINGS_AT, closingsBindings } from '#modules/reports/services/monthly_facts'
import { labelsFor } from '#reports/labels'

/** A KPI's change on the previous period, in whole per cent; null when the previous was zero. */
export type KpiChanges = Record<keyof Movements, number | null>

export interface TopAlert {
  severity: string
  customer: string | null
  message: string
}

export interface TopApproval {
  action: string
  customer: string
  amount: string | null
  currency: string | null
  requestedBy: string
}

export interface BelowThreshold {
  code: string
  name: string
  balance: string
  threshold: string
  currency: string
}

/**
 * The period before: the same number of whole months when the period is whole months (a monthly
 * pack compares with the month before), else the same number of days just before it.
 */
export function previousPeriod(period: { from: string; to: string }) {
  const from = DateTime.fromISO(period.from)
  const to = DateTime.fromISO(period.to)
  if (from.day === 1 && to.plus({ days: 1 }).day === 1) {
    const months = Math.round(to.plus({ days: 1 }).diff(from, 'months').months)
    return { from: from.minus({ months }).toISODate()!, to: from.minus({ days: 1 }).toISODate()! }
  }
  const days = to.diff(from, 'days').days + 1
  return { from: from.minus({ days }).toISODate()!, to: from.minus({ days: 1 }).toISODate()! }
}

/** (now − before) / |before| in whole per cent, half up; null when before is zero. */
export function percentChange(now: string, before: string): number | null {
  const previous = new Money(before)
  if (previous.isZero()) return null
  return new Money(now).minus(previous).div(previous.abs()).times(100).toDecimalPlaces(0).toNumber()
}

export function kpiChanges(now: Movements, before: Movements): KpiChanges {
  const keys = Object.keys(now) as Array<keyof Movements>
  return Object.fromEntries(keys.map((k) => [k, percentChange(now[k], before[k])])) as KpiChanges
}

/** Customers whose balance in their own currency at the period's end is under their threshold. */
export async function customersBelowThreshold(
  trx: TransactionClientContract,
  to: string
): Promise<BelowThreshold[]> {
  const result = await trx.rawQuery(
    `${CLOSINGS_AT}
     SELECT c.code, c.name, c.default_currency AS currency, c.low_balance_threshold AS threshold,
            coalesce(b.closing, 0) AS balance
       FROM customers c
       LEFT JOIN closings b ON b.customer_id = c.id AND b.currency = c.default_currency
      WHERE c.status = 'active' AND c.low_balance_threshold IS NOT NULL
        AND coalesce(b.closing, 0) < c.low_balance_threshold
      ORDER BY coalesce(b.closing, 0) - c.low_balance_threshold, c.code`,
    closingsBindings(to)
  )
  return result.rows.map((row: any) => ({
    code: row.code,
    name: row.name,
    currency: row.currency,
    balance: new Money(row.balance).toFixed(2),
    threshold: new Money(row.threshold).toFixed(2),
  }))
}

/** The most severe open alerts, newest first within a severity, worded in the pack's language. */
export async function topAlerts(
  trx: TransactionClientContract,
  locale: ReportLocale,
  limit = 5
): Promise<TopAlert[]> {
  const result = await trx.rawQuery(
    `SELECT a.severity, a.message_key, a.params, c.name AS customer
       FROM alerts a LEFT JOIN customers c ON c.id = a.customer_id
      WHERE a.status <> 'resolved'
      ORDER BY CASE a.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a.id DESC
      LIMIT ?`,
    [limit]
  )
  return result.rows.map((row: any) => ({
    severity: t(locale, `alerts.severity.${row.severity}`, {}, row.severity),
    customer: row.customer,
    message: safeMessage(row.message_key, row.params, locale),
  }))
}

function safeMessage(key: string, params: Record<string, string | number>, locale: ReportLocale) {
  try {
    return renderMessage(key, params ?? {}, locale)
  } catch {
    return key // a message whose params changed since: its key rather than nothing
  }
}

/** The largest pending approval requests (base amount), with customer and requester. */
export async function topApprovals(
  trx: TransactionClientContract,
  locale: ReportLocale,
  limit = 5
): Promise<{ items: TopApproval[]; count: number; baseTotal: string }> {
  const result = await trx.rawQuery(
    `SELECT r.action_type, c.name AS customer, r.amount, r.currency, u.full_name AS requested_by,
            count(*) OVER () AS count, coalesce(sum(r.base_amount) OVER (), 0) AS base_total
       FROM approval_requests r
       JOIN customers c ON c.id = r.customer_id
       JOIN users u ON u.id = r.requested_by
      WHERE r.status = 'pending'
      ORDER BY r.base_amount DESC NULLS LAST, r.id
      LIMIT ?`,
    [limit]
  )
  const names = labelsFor(locale).approvalActions
  return {
    items: result.rows.map((row: any) => ({
      action: names[row.action_type] ?? row.action_type,
      customer: row.customer,
      amount: row.amount === null ? null : new Money(row.amount).toFixed(2),
      currency: row.currency?.trim() ?? null,
      requestedBy: row.requested_by,
    })),
    count: Number(result.rows[0]?.count ?? 0),
    baseTotal: new Money(result.rows[0]?.base_total ?? 0).toFixed(2),
  }
}

/** "上升 12%" / "up 12%", "持平", "上期为零". */
export function changeText(locale: ReportLocale, pct: number | null): string {
  if (pct === null) return t(locale, 'exec_pack.noPrevious')
  if (pct === 0) return t(locale, 'exec_pack.flat')
  return t(locale, pct > 0 ? 'exec_pack.up' : 'exec_pack.down', { pct: Math.abs(pct) })
}

/**
 * The pack's opening sentences, from its own figures: receipts and applications with their change,
 * refunds, the closing balance; customers under their threshold by name; pending approvals and
 * open alerts.
 */
export function summarySentences(
  locale: ReportLocale,
  input: {
    base: string
    kpis: Movements
    changes: KpiChanges
    below: BelowThreshold[]
    approvals: { count: number; baseTotal: string }
    openAlerts: number
  }
): string[] {
  const money = (value: string) => displayMoney(value, input.base)
  const say = (key: string, values: Record<string, unknown> = {}) =>
    t(locale, `exec_pack.${key}`, values)
  const sentences = [
    say('sentenceMovements', {
      received: money(input.kpis.received),
      receivedChange: changeText(locale, input.changes.received),
      applied: money(input.kpis.applied),
      appliedChange: changeText(locale, input.changes.applied),
      refunded: money(input.kpis.refunded),
      closing: money(input.kpis.closing),
    }),
    input.below.length
      ? say('sentenceBelow', {
          count: input.below.length,
          names: input.below
            .slice(0, 5)
            .map((c) => c.name)
            .join(say('listSeparator')),
        })
      : say('sentenceNoneBelow'),
  ]
  if (input.approvals.count) {
    sentences.push(
      say('sentenceApprovals', {
        count: input.approvals.count,
        amount: money(input.approvals.baseTotal),
      })
    )
  }
  if (input.openAlerts) sentences.push(say('sentenceAlerts', { count: input.openAlerts }))
  return sentences
}
