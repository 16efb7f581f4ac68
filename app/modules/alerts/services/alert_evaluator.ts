import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { company, companyToday } from '#kernel/company'
import { systemActor } from '#kernel/actor'
import type { OverdrawAttempt } from '#modules/prepayments/public'
import { runInTransaction } from '#kernel/unit_of_work'
import type { Trigger } from '#modules/alerts/rule_types'
import { enabledRules } from '#modules/alerts/services/enabled_rules_cache'
import type {
  EvaluationContext,
  PostedJournal,
  Target,
} from '#modules/alerts/services/evaluation_context'
import { RuleChecks, type AlertRule, type Finding } from '#modules/alerts/services/rule_checks'
import { alertView, type AlertRecord, type AlertView } from '#modules/alerts/services/alert_views'
import { AlertNotifier } from '#modules/alerts/services/alert_notifier'
import {
  clearedAlerts,
  resolveBySystem,
  supersededAlerts,
  type Evaluated,
} from '#modules/alerts/services/alert_clearing'
import { mayChangeInstallments } from '#modules/alerts/services/installment_checks'

export interface EvaluateOptions {
  /** business date to evaluate (YYYY-MM-DD, company time zone); default today */
  asOf?: string
  /** limit to one customer */
  customerId?: number
  /** email the responsible people about the alerts this run opened (default false) */
  notify?: boolean
}

type Scope = Omit<EvaluationContext, 'client' | 'now'>

/**
 * Turns rule findings into alerts. Each run is one transaction by the system actor 'alerts'; an alert
 * is inserted only when no unresolved alert exists for the same rule × subject (the partial unique
 * index decides, so concurrent runs cannot duplicate one). Opened alerts are audited.
 */
@inject()
export class AlertEvaluator {
  constructor(
    private checks: RuleChecks,
    private notifier: AlertNotifier
  ) {}

  /** The posting-time rules for one customer (optionally about one posted journal). */
  async evaluateCustomer(
    customerId: number,
    options: { asOf?: string; journal?: PostedJournal; notify?: boolean } = {}
  ): Promise<AlertView[]> {
    const asOf = options.asOf ?? companyToday()
    return this.evaluateTargets([{ customerId, asOf, journal: options.journal }], options.notify)
  }

  /**
   * The posting-time rules after several postings, each as of its entry date, in one pass: each
   * check reads for all the journals in one statement, one transaction opens what was found. The
   * outbox dispatcher calls it with the postings' events (alert_outbox_reaction.ts).
   */
  async evaluatePostings(journals: PostedJournal[]): Promise<AlertView[]> {
    if (journals.length === 0) return []
    const targets = journals.map((journal) => ({
      customerId: journal.customerId,
      asOf: journal.entryDate,
      journal,
    }))
    return this.evaluateTargets(targets)
  }

  /** The scheduled rules (time-based and state-based) for every customer, as of a date. */
  async evaluateAll(options: EvaluateOptions = {}): Promise<AlertView[]> {
    const asOf = options.asOf ?? companyToday()
    const { customerId } = options
    const targets = customerId === undefined ? undefined : [{ customerId, asOf }]
    return this.run('schedule', { asOf, targets }, options.notify ?? false)
  }

  /** Records a refused overdraw / credit-limit breach. */
  async recordOverdrawAttempt(attempt: OverdrawAttempt, options: { notify?: boolean } = {}) {
    const asOf = companyToday()
    const targets = [{ customerId: attempt.customerId, asOf }]
    return this.run('overdraw', { asOf, targets, overdraw: attempt }, options.notify ?? false)
  }

  /** Reaction to `ledger:overdraw_attempted`; never throws. */
  async afterOverdrawAttempt(attempt: OverdrawAttempt) {
    try {
      await this.recordOverdrawAttempt(attempt, { notify: true })
    } catch (error) {
      logger.error({ err: error, customerId: attempt.customerId }, 'recording overdraw failed')
    }
  }

  private evaluateTargets(targets: Target[], notify = false): Promise<AlertView[]> {
    return this.run('posting', { asOf: targets[0].asOf, targets }, notify)
  }

  /**
   * Evaluates read-only with the plain client (each statement sees committed data, as it would in a
   * READ COMMITTED transaction) and opens a transaction only when there is something to insert —
   * after most postings there is not.
   */
  private async run(trigger: Trigger, scope: Scope, notify: boolean): Promise<AlertView[]> {
    const ctx: EvaluationContext = {
      ...scope,
      client: db.connection(),
      now: referenceInstant(scope.asOf),
    }
    const found: Found[] = []
    const evaluated: Evaluated[] = []
    for (const rule of await enabledRules(trigger)) {
      const findings = await this.checks.findings(rule, ctx)
      for (const finding of findings) found.push({ rule, finding })
      evaluated.push({ rule, customerIds: coveredCustomers(rule, trigger, scope), findings })
    }
    const current = isCurrent(trigger, scope)
    const cleared = current ? await clearedAlerts(ctx.client, evaluated) : []
    if (found.length === 0 && cleared.length === 0) return []
    const opened = await this.open(distinct(found), ctx.asOf, { cleared, current })
    if (notify) await this.notify(opened)
    return opened
  }

  /**
   * Inserts the findings in one statement; ON CONFLICT skips a rule × subject that already has
   * an unresolved alert. The alerts opened are audited, in the order they were found.
   */
  private open(
    found: Found[],
    asOf: string,
    { cleared, current }: { cleared: number[]; current: boolean }
  ): Promise<AlertView[]> {
    return runInTransaction(systemActor('alerts'), async (uow) => {
      await resolveBySystem(uow, cleared, 'condition_cleared')
      if (found.length === 0) return []
      const rows = found.map(({ rule, finding }) => ({
        rule_id: rule.id,
        rule_type: rule.ruleType,
        severity: rule.severity,
        subject_type: finding.subjectType,
        subject_id: finding.subjectId,
        customer_id: finding.customerId,
        project_id: finding.projectId ?? null,
        message_key: finding.messageKey,
        params: finding.params,
        as_of: finding.asOf ?? asOf,
      }))
      const result = await uow.trx.rawQuery(
        `INSERT INTO alerts (rule_id, rule_type, severity, subject_type, subject_id, customer_id,
                             project_id, message_key, params, as_of)
         SELECT * FROM jsonb_to_recordset(:rows::jsonb)
                AS f(rule_id bigint, rule_type text, severity text, subject_type text,
                     subject_id bigint, customer_id bigint, project_id bigint, message_key text,
                     params jsonb, as_of date)
         ON CONFLICT (rule_id, subject_type, subject_id) WHERE status <> 'resolved' DO NOTHING
         RETURNING *`,
        { rows: JSON.stringify(rows) }
      )
      const inserted = new Map<string, AlertRecord>()
      for (const row of result.rows as AlertRecord[]) {
        inserted.set(subjectKey(row.rule_id, row.subject_type, row.subject_id), row)
      }
      const created: AlertView[] = []
      for (const { rule, finding } of found) {
        const row = inserted.get(subjectKey(rule.id, finding.subjectType, finding.subjectId))
        if (!row) continue
        const view = alertView({ ...row, rule_code: rule.code })
        uow.audit({ entityType: 'alert', entityId: view.id, action: 'open', after: view })
        uow.publish({ type: 'alert.opened', customerId: view.customerId, data: view })
        created.push(view)
      }
      if (current) await resolveBySystem(uow, await supersededAlerts(uow, created), 'superseded')
      return created
    })
  }

  /** Emails the responsible people about newly opened alerts; a failed email is only logged. */
  async notify(opened: AlertView[]) {
    if (opened.length === 0) return
    await this.notifier
      .sendInstant(opened.map((alert) => alert.id))
      .catch((error) => logger.error({ err: error }, 'alert email failed'))
  }
}

type Found = { rule: AlertRule; finding: Finding }

const subjectKey = (ruleId: number | string, subjectType: string, subjectId: number | string) =>
  `${ruleId}:${subjectType}:${subjectId}`

/** One finding per rule × subject (a pass may find one twice: two postings of one customer). */
function distinct(found: Found[]): Found[] {
  const seen = new Set<string>()
  return found.filter(({ rule, finding }) => {
    const key = subjectKey(rule.id, finding.subjectType, finding.subjectId)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * The customers an evaluation of a rule covered: every customer, its targets, or after postings
 * for the installment rules only the targets whose journal can change what installments are paid.
 */
function coveredCustomers(rule: AlertRule, trigger: Trigger, scope: Scope): number[] | 'all' {
  if (!scope.targets) return 'all'
  const installments = rule.ruleType.startsWith('installment_') && trigger === 'posting'
  const targets = installments ? scope.targets.filter(mayChangeInstallments) : scope.targets
  return [...new Set(targets.map((target) => target.customerId))]
}

/**
 * Alerts clear (and supersede) each other only from an evaluation of today: a past day's state is
 * not today's, and evaluating past days (a backfill) records what was true then.
 */
function isCurrent(trigger: Trigger, scope: Scope): boolean {
  if (trigger === 'overdraw') return false
  const today = companyToday()
  return (scope.targets ?? [{ asOf: scope.asOf }]).every((target) => target.asOf >= today)
}

/** Hour-based rules compare with now, or with the end of `asOf` when evaluating a past day. */
function referenceInstant(asOf: string): Date {
  if (asOf >= companyToday()) return new Date()
  return DateTime.fromISO(asOf, { zone: company.timezone }).endOf('day').toJSDate()
}
