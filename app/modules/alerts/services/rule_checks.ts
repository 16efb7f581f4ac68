import { CROSSED_BELOW } from '#modules/alerts/services/low_balance_crossing'
import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { Money } from '#kernel/money/money'
import { preparedQuery } from '#kernel/prepared_statement'
import {
  MEDIAN_HISTORY,
  MovementHistory,
  type Median,
} from '#modules/alerts/services/movement_median'
import { InstallmentChecks } from '#modules/alerts/services/installment_checks'
import { displayMoney, type MessageParams } from '#modules/alerts/messages'
import type { RuleParams, RuleType, Severity, SubjectType } from '#modules/alerts/rule_types'
import {
  asOfFor,
  customerFilter,
  postedOfKind,
  type EvaluationContext,
  type Posted,
} from '#modules/alerts/services/evaluation_context'
import { numberOrNull } from '#kernel/row_values'

export interface AlertRule {
  id: number
  code: string
  ruleType: RuleType
  severity: Severity
  params: RuleParams
  sendEmail: boolean
}

export interface Finding {
  subjectType: SubjectType
  subjectId: number
  customerId: number | null
  projectId?: number | null
  messageKey: string
  params: MessageParams
  /** the date the subject was found as of, when it is a target's own (default: the evaluation's) */
  asOf?: string
}

type Check = (rule: AlertRule, ctx: EvaluationContext) => Promise<Finding[]>

/**
 * The checks behind each rule type. Each returns the subjects that currently meet the rule; the
 * evaluator turns them into alerts (at most one unresolved per rule × subject).
 */
@inject()
export class RuleChecks {
  constructor(private installments: InstallmentChecks) {}

  findings(rule: AlertRule, ctx: EvaluationContext): Promise<Finding[]> {
    const checks: Record<RuleType, Check> = {
      low_balance: (r, c) => this.lowBalance(r, c),
      abnormal_movement: (r, c) => this.abnormalMovement(r, c),
      duplicate_receipt: (_r, c) => this.duplicateReceipt(c),
      installment_over_payment: (r, c) => this.installments.findings(r, c),
      installment_under_payment: (r, c) => this.installments.findings(r, c),
      installment_non_payment: (r, c) => this.installments.findings(r, c),
      installment_due_soon: (r, c) => this.installments.findings(r, c),
      installment_overdue: (r, c) => this.installments.findings(r, c),
      stale_advance: (r, c) => this.staleAdvance(r, c),
      approval_pending: (r, c) => this.approvalPending(r, c),
      overdraw_attempt: (_r, c) => this.overdrawAttempt(c),
      statement_disputed: async () => [],
    }
    return checks[rule.ruleType](rule, ctx)
  }

  /**
   * Available balance below the customer's line in that currency (customer_currency_limits: the
   * default currency's row is the customer's own field, its alert about the customer; another
   * currency's alert is about that row); optionally projects below a % of contract.
   */
  private async lowBalance(rule: AlertRule, ctx: EvaluationContext): Promise<Finding[]> {
    const customers = await preparedQuery(
      ctx.client,
      `SELECT c.id, c.name, c.default_currency, l.id AS limit_id, l.currency,
              l.low_balance_threshold, b.balance - b.pending AS available,
              crossed.on_date::text AS crossed_on
         FROM customers c
         JOIN customer_currency_limits l ON l.customer_id = c.id
         JOIN customer_balances b ON b.customer_id = c.id AND b.currency = l.currency
         ${CROSSED_BELOW}
        WHERE c.status = 'active' AND l.low_balance_threshold > 0
          AND b.balance - b.pending < l.low_balance_threshold
          AND (:all OR c.id = ANY(:ids::bigint[]))`,
      customerFilter(ctx)
    )
    const findings: Finding[] = customers.rows.map((row: any) => {
      const currency = String(row.currency).trim()
      const isDefault = currency === String(row.default_currency).trim()
      return {
        subjectType: isDefault ? 'customer' : 'customer_currency',
        subjectId: Number(isDefault ? row.id : row.limit_id),
        customerId: Number(row.id),
        messageKey: 'low_balance',
        params: {
          customer: row.name,
          currency,
          balance: displayMoney(row.available, currency),
          threshold: displayMoney(row.low_balance_threshold, currency),
        },
        // the day the balance went below the line, not the day of this pass's first posting
        asOf: row.crossed_on ?? asOfFor(ctx, Number(row.id)),
      }
    })
    const percent = rule.params.contractPercent
    if (!percent) return findings
    const projects = await preparedQuery(
      ctx.client,
      `SELECT p.id, p.code, p.customer_id, p.currency, p.contract_amount, c.name, pb.balance
         FROM projects p
         JOIN customers c ON c.id = p.customer_id
         JOIN project_balances pb ON pb.project_id = p.id AND pb.currency = p.currency
        WHERE p.status = 'active' AND p.contract_amount > 0
          AND pb.balance < p.contract_amount * :percent::numeric / 100
          AND (:all OR p.customer_id = ANY(:ids::bigint[]))`,
      { percent, ...customerFilter(ctx) }
    )
    for (const row of projects.rows) {
      const threshold = new Money(row.contract_amount).times(percent).dividedBy(100)
      findings.push({
        subjectType: 'project',
        subjectId: Number(row.id),
        customerId: Number(row.customer_id),
        projectId: Number(row.id),
        messageKey: 'low_balance_project',
        params: {
          customer: row.name,
          project: row.code,
          percent,
          balance: displayMoney(row.balance, row.currency),
          threshold: displayMoney(threshold, row.currency),
        },
        asOf: asOfFor(ctx, Number(row.customer_id)),
      })
    }
    return findings
  }

  /** A receipt/application far above the usual (absolute line or k × the customer's median). */
  private async abnormalMovement(rule: AlertRule, ctx: EvaluationContext): Promise<Finding[]> {
    const kind = rule.params.kind ?? 'receipt'
    const posted = postedOfKind(ctx, kind)
    if (posted.length === 0) return []
    const earlier = await this.earlierMedians(ctx, posted, kind)
    const limit = rule.params.absoluteAmount
    const multiple = rule.params.multiple
    const findings: Finding[] = []
    for (const { journal, asOf } of posted) {
      const { customerName, median } = earlier.get(journal.id)!
      const found = (messageKey: string, extra: MessageParams) =>
        findings.push({
          subjectType: 'journal',
          subjectId: journal.id,
          customerId: journal.customerId,
          projectId: journal.projectId,
          messageKey,
          params: {
            customer: customerName,
            kind,
            journalNo: journal.journalNo,
            amount: displayMoney(journal.amount, journal.currency),
            ...extra,
          },
          asOf,
        })
      const base = new Money(journal.baseAmount).abs()
      if (limit && base.greaterThan(limit)) {
        found('abnormal_absolute', { limit: displayMoney(limit, company.baseCurrency) })
        continue
      }
      if (!median || !multiple || median.count < (rule.params.minHistory ?? 3)) continue
      if (base.greaterThan(median.value.times(multiple)))
        found('abnormal_median', {
          multiple,
          median: displayMoney(median.value, company.baseCurrency),
        })
    }
    return findings
  }

  /**
   * For each posted journal: the customer's name and the median (base currency) of the customer's
   * latest MEDIAN_HISTORY earlier, unreversed movements of this kind. One statement reads, per
   * customer of the pass, its latest movements before its last journal — MEDIAN_HISTORY, plus as
   * many as sit between its first and last journal, so every journal's window is inside — and the
   * medians are taken from that. Bounded, so the check after each posting does not grow with the
   * history.
   */
  private async earlierMedians(ctx: EvaluationContext, posted: Posted[], kind: string) {
    const result = await preparedQuery(
      ctx.client,
      `WITH pass AS (
         SELECT customer_id, min(id) AS first_id, max(id) AS last_id
           FROM unnest(:ids::bigint[], :customerIds::bigint[]) AS p(id, customer_id)
          GROUP BY customer_id
       )
       SELECT pass.customer_id, c.name, latest.ids, latest.amounts
         FROM pass
         JOIN customers c ON c.id = pass.customer_id
         CROSS JOIN LATERAL (
           SELECT count(*) AS n FROM journals e
            WHERE e.id >= pass.first_id AND e.id < pass.last_id
              AND e.customer_id = pass.customer_id AND e.kind = :kind
         ) between_journals
         CROSS JOIN LATERAL (
           SELECT array_agg(id ORDER BY entry_date DESC, id DESC) AS ids,
                  array_agg(amount::text ORDER BY entry_date DESC, id DESC) AS amounts
             FROM (SELECT j.id, j.entry_date, abs(j.base_amount) AS amount
                     FROM journals j
                    WHERE j.customer_id = pass.customer_id AND j.kind = :kind
                      AND j.id < pass.last_id
                      -- OFFSET 0 keeps this a probe of the unique index per row: as an anti
                      -- join the planner may hash every journal's reversal first.
                      AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id
                                       OFFSET 0)
                    ORDER BY j.entry_date DESC, j.id DESC
                    LIMIT :history + between_journals.n) rows
         ) latest`,
      {
        ids: posted.map(({ journal }) => journal.id),
        customerIds: posted.map(({ journal }) => journal.customerId),
        kind,
        history: MEDIAN_HISTORY,
      }
    )
    const customers = new Map<number, { name: string; history: MovementHistory }>()
    for (const row of result.rows) {
      customers.set(Number(row.customer_id), {
        name: row.name,
        history: MovementHistory.fromRow(row.ids, row.amounts),
      })
    }
    const earlier = new Map<number, { customerName: string; median: Median | null }>()
    for (const { journal } of posted) {
      const customer = customers.get(journal.customerId)!
      earlier.set(journal.id, {
        customerName: customer.name,
        median: customer.history.medianBefore(journal.id),
      })
    }
    return earlier
  }

  /**
   * An earlier live receipt with the same bank reference, or the same customer, amount and day: the
   * later registration is the duplicate (also when both are evaluated in one pass).
   */
  private async duplicateReceipt(ctx: EvaluationContext): Promise<Finding[]> {
    const posted = postedOfKind(ctx, 'receipt')
    if (posted.length === 0) return []
    const journals = posted.map(({ journal }) => journal)
    const result = await preparedQuery(
      ctx.client,
      `SELECT p.id, c.name, o.journal_no, o.same_reference
         FROM unnest(:ids::bigint[], :references::text[], :customerIds::bigint[],
                     :currencies::bpchar[], :amounts::numeric[], :entryDates::date[])
              AS p(id, reference, customer_id, currency, amount, entry_date)
         JOIN customers c ON c.id = p.customer_id
         CROSS JOIN LATERAL (
           SELECT o.journal_no,
                  (o.bank_reference IS NOT NULL AND o.bank_reference = p.reference) AS same_reference
             FROM journals o
            WHERE o.kind = 'receipt' AND o.id < p.id
              AND ((p.reference <> '' AND o.bank_reference = p.reference)
                   OR (o.customer_id = p.customer_id AND o.currency = p.currency
                       AND o.amount = p.amount AND o.entry_date = p.entry_date))
              AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = o.id)
            ORDER BY same_reference DESC, o.id
            LIMIT 1
         ) o`,
      {
        ids: journals.map((j) => j.id),
        references: journals.map((j) => j.bankReference ?? ''),
        customerIds: journals.map((j) => j.customerId),
        currencies: journals.map((j) => j.currency),
        amounts: journals.map((j) => j.amount),
        entryDates: journals.map((j) => j.entryDate),
      }
    )
    const others = new Map<number, any>(result.rows.map((row: any) => [Number(row.id), row]))
    return posted.flatMap(({ journal, asOf }): Finding[] => {
      const other = others.get(journal.id)
      if (!other) return []
      return [
        {
          subjectType: 'journal',
          subjectId: journal.id,
          customerId: journal.customerId,
          projectId: journal.projectId,
          messageKey: other.same_reference ? 'duplicate_reference' : 'duplicate_amount_day',
          params: {
            customer: other.name,
            journalNo: journal.journalNo,
            otherNo: other.journal_no,
            reference: journal.bankReference ?? '',
            date: journal.entryDate,
            amount: displayMoney(journal.amount, journal.currency),
          },
          asOf,
        },
      ]
    })
  }

  /**
   * Money held longer than `days` without being applied: the balance on `asOf` (default currency)
   * minus the receipts of the last `days` days — what is left must be older (first in, first out).
   */
  private async staleAdvance(rule: AlertRule, ctx: EvaluationContext): Promise<Finding[]> {
    const days = rule.params.days ?? 90
    const cutoff = DateTime.fromISO(ctx.asOf).minus({ days }).toISODate()!
    const result = await ctx.client.rawQuery(
      `SELECT c.id, c.name, c.default_currency,
              sum(j.amount) - coalesce(sum(j.amount) FILTER (WHERE j.kind = 'receipt' AND j.entry_date >= :cutoff), 0) AS stale
         FROM customers c JOIN journals j ON j.customer_id = c.id AND j.currency = c.default_currency
        WHERE j.entry_date <= :asOf AND (:all OR c.id = ANY(:ids::bigint[]))
        GROUP BY c.id, c.name, c.default_currency
       HAVING sum(j.amount) > 0
          AND sum(j.amount) - coalesce(sum(j.amount) FILTER (WHERE j.kind = 'receipt' AND j.entry_date >= :cutoff), 0) > 0`,
      { cutoff, asOf: ctx.asOf, ...customerFilter(ctx) }
    )
    return result.rows.map((row: any) => ({
      subjectType: 'customer',
      subjectId: Number(row.id),
      customerId: Number(row.id),
      messageKey: 'stale_advance',
      params: { customer: row.name, amount: displayMoney(row.stale, row.default_currency), days },
    }))
  }

  /** Approval requests pending longer than `hours`. */
  private async approvalPending(rule: AlertRule, ctx: EvaluationContext): Promise<Finding[]> {
    const hours = rule.params.hours ?? 24
    const result = await ctx.client.rawQuery(
      `SELECT a.id, a.customer_id, a.action_type, c.name
         FROM approval_requests a LEFT JOIN customers c ON c.id = a.customer_id
        WHERE a.status = 'pending' AND a.created_at < :cutoff
          AND (:all OR a.customer_id = ANY(:ids::bigint[]))`,
      { cutoff: new Date(ctx.now.getTime() - hours * 3600_000), ...customerFilter(ctx) }
    )
    return result.rows.map((row: any) => ({
      subjectType: 'approval',
      subjectId: Number(row.id),
      customerId: numberOrNull(row.customer_id),
      messageKey: 'approval_pending',
      params: {
        customer: row.name ?? '',
        approvalId: Number(row.id),
        action: row.action_type,
        hours,
      },
    }))
  }

  /** A movement the ledger refused for lack of balance or credit (recorded after the rollback). */
  private async overdrawAttempt(ctx: EvaluationContext): Promise<Finding[]> {
    const attempt = ctx.overdraw
    if (!attempt) return []
    return [
      {
        subjectType: 'customer',
        subjectId: attempt.customerId,
        customerId: attempt.customerId,
        messageKey: 'overdraw_attempt',
        params: {
          customer: await this.customerName(ctx, attempt.customerId),
          kind: attempt.kind,
          amount: displayMoney(attempt.amount, attempt.currency),
          headroom: displayMoney(attempt.headroom, attempt.currency),
        },
      },
    ]
  }

  private async customerName(ctx: EvaluationContext, customerId: number): Promise<string> {
    const row = await ctx.client.from('customers').select('name').where('id', customerId).first()
    return row?.name ?? ''
  }
}
