import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import { InstallmentLedger, type InstallmentStatus } from '#modules/installments/public'
import { displayMoney, type MessageParams } from '#modules/alerts/messages'
import type { AlertRule, Finding } from '#modules/alerts/services/rule_checks'
import {
  groupsByAsOf,
  type EvaluationContext,
  type Target,
} from '#modules/alerts/services/evaluation_context'

interface StatusesAsOf {
  asOf: string
  statuses: InstallmentStatus[]
}

/**
 * Whether a target's journal can change what its customer's installments are paid: one on a
 * project (receipts there count), or a reversal (of such a receipt, or of one matched to an
 * installment). A receipt without a project is matched, if ever, after it posts; applications,
 * refunds and adjustments elsewhere never count.
 */
export const mayChangeInstallments = ({ journal }: Target) =>
  !journal || journal.projectId !== null || journal.kind === 'reversal'

const daysBetween = (from: string, to: string) =>
  DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days

/** The installment rules (分期): over-, under- and non-payment, due soon, overdue. */
@inject()
export class InstallmentChecks {
  private statusesByEvaluation = new WeakMap<EvaluationContext, Promise<StatusesAsOf[]>>()

  constructor(private installments: InstallmentLedger) {}

  /** Over-, under- and non-payment, due soon and overdue: read from the installments' status. */
  async findings(rule: AlertRule, ctx: EvaluationContext): Promise<Finding[]> {
    const findings: Finding[] = []
    for (const { asOf, statuses } of await this.installmentStatuses(ctx)) {
      findings.push(...this.installmentFindings(rule, statuses, asOf))
    }
    return findings
  }

  /** The installments that meet the rule as of one date. */
  private installmentFindings(
    rule: AlertRule,
    statuses: InstallmentStatus[],
    asOf: string
  ): Finding[] {
    const days = rule.params.days ?? 0
    const findings: Finding[] = []
    for (const s of statuses) {
      const found = (messageKey: string, extra: MessageParams = {}) =>
        findings.push({
          subjectType: 'installment',
          subjectId: s.id,
          customerId: s.customerId,
          projectId: s.projectId,
          messageKey,
          params: { ...this.installmentParams(s), ...extra },
          asOf,
        })
      const untilDue = daysBetween(asOf, s.dueDate)
      const paidNothing = s.paid.isZero()
      switch (rule.ruleType) {
        case 'installment_over_payment':
          if (s.overPaid.greaterThan(0))
            found('installment_over_payment', { difference: displayMoney(s.overPaid, s.currency) })
          break
        case 'installment_under_payment':
          if (s.paid.greaterThan(0) && s.outstanding.greaterThan(0) && untilDue <= 0)
            found('installment_under_payment', {
              difference: displayMoney(s.outstanding, s.currency),
            })
          break
        case 'installment_due_soon':
          if (s.outstanding.greaterThan(0) && untilDue >= 0 && untilDue <= days)
            found(untilDue === 0 ? 'installment_due_today' : 'installment_due_soon', {
              days: untilDue,
            })
          break
        case 'installment_overdue':
          if (paidNothing && untilDue < 0) found('installment_overdue')
          break
        case 'installment_non_payment':
          if (paidNothing && -untilDue >= days) found('installment_non_payment', { days })
          break
      }
    }
    return findings
  }

  /** Every installment rule of one evaluation reads the same statuses: compute them once. */
  private installmentStatuses(ctx: EvaluationContext): Promise<StatusesAsOf[]> {
    let statuses = this.statusesByEvaluation.get(ctx)
    if (!statuses) {
      statuses = this.readStatuses(ctx)
      this.statusesByEvaluation.set(ctx, statuses)
    }
    return statuses
  }

  /**
   * Statuses depend on the date: one read per date among the targets (a pass has one, mostly).
   * After postings, only the customers whose journals can change what installments are paid.
   */
  private async readStatuses(ctx: EvaluationContext): Promise<StatusesAsOf[]> {
    const read: StatusesAsOf[] = []
    for (const { asOf, customerIds } of groupsByAsOf(ctx, mayChangeInstallments)) {
      const statuses = await this.installments.statuses(ctx.client, { customerIds }, asOf)
      read.push({ asOf, statuses })
    }
    return read
  }

  private installmentParams(s: InstallmentStatus): MessageParams {
    return {
      customer: s.customerName,
      project: s.projectCode,
      seq: s.seq,
      dueDate: s.dueDate,
      expected: displayMoney(s.amount, s.currency),
      paid: displayMoney(s.paid, s.currency),
      outstanding: displayMoney(s.outstanding, s.currency),
    }
  }
}
