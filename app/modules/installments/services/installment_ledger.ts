import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { formatAmount, Money } from '#kernel/money/money'
import { plainDateOf } from '#modules/prepayments/public'
import { preparedQuery } from '#kernel/prepared_statement'

export interface InstallmentRow {
  id: number
  projectId: number
  customerId: number
  seq: number
  label: string | null
  dueDate: string
  currency: string
  amount: Money
}

export interface MatchedReceipt {
  journalId: number
  journalNo: string
  entryDate: string
  allocated: Money
  explicit: boolean
}

export interface InstallmentStatus extends InstallmentRow {
  projectCode: string
  customerName: string
  paid: Money
  outstanding: Money
  overPaid: Money
  receipts: MatchedReceipt[]
}

interface ReceiptRow {
  id: number
  journal_no: string
  project_id: number | null
  currency: string
  amount: string
  entry_date: Date | string
  installment_id: number | null
}

/**
 * What has been paid against each installment, as of a date. Derived from the ledger every time
 * (receipts dated up to `asOf` and not reversed by then), so reversals and back-dated entries are
 * always reflected:
 *  - a receipt matched explicitly goes wholly to its installment (it may over-pay it);
 *  - any other receipt of the project fills the oldest-due installments first; money beyond the
 *    whole plan is counted on the last installment (an over-payment).
 */
export class InstallmentLedger {
  async statuses(
    client: QueryClientContract,
    filter: { projectId?: number; customerIds?: number[] },
    asOf: string
  ): Promise<InstallmentStatus[]> {
    const where: string[] = []
    const bindings: Record<string, string | number | number[]> = { asOf }
    if (filter.projectId !== undefined) {
      where.push('i.project_id = :projectId')
      bindings.projectId = filter.projectId
    }
    if (filter.customerIds !== undefined) {
      where.push('i.customer_id = ANY(:customerIds::bigint[])')
      bindings.customerIds = filter.customerIds
    }
    const plan = await preparedQuery(
      client,
      `SELECT i.*, p.code AS project_code, c.name AS customer_name
         FROM installments i JOIN projects p ON p.id = i.project_id JOIN customers c ON c.id = i.customer_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY i.project_id, i.due_date, i.seq`,
      bindings
    )
    if (plan.rows.length === 0) return []
    const installments: InstallmentStatus[] = plan.rows.map((row: any) => ({
      id: Number(row.id),
      projectId: Number(row.project_id),
      customerId: Number(row.customer_id),
      seq: Number(row.seq),
      label: row.label,
      dueDate: plainDateOf(row.due_date),
      currency: row.currency.trim(),
      amount: new Money(row.amount),
      projectCode: row.project_code,
      customerName: row.customer_name,
      paid: new Money(0),
      outstanding: new Money(0),
      overPaid: new Money(0),
      receipts: [],
    }))
    const projectIds = [...new Set(installments.map((i) => i.projectId))]
    const receipts = await preparedQuery(
      client,
      `SELECT j.id, j.journal_no, j.project_id, j.currency, j.amount, j.entry_date, m.installment_id
         FROM journals j
         LEFT JOIN installment_receipt_matches m ON m.journal_id = j.id
         LEFT JOIN installments mi ON mi.id = m.installment_id
        WHERE j.kind = 'receipt' AND j.entry_date <= :asOf
          AND (j.project_id = ANY(:projectIds) OR mi.project_id = ANY(:projectIds))
          AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id AND r.entry_date <= :asOf)
        ORDER BY j.entry_date, j.id`,
      { asOf, projectIds }
    )
    const byProject = new Map<number, InstallmentStatus[]>()
    for (const installment of installments) {
      const list = byProject.get(installment.projectId) ?? []
      list.push(installment)
      byProject.set(installment.projectId, list)
    }
    const byId = new Map(installments.map((i) => [i.id, i]))
    for (const receipt of receipts.rows as ReceiptRow[]) this.allocate(receipt, byId, byProject)
    for (const installment of installments) {
      const difference = installment.amount.minus(installment.paid)
      installment.outstanding = Money.max(difference, 0)
      installment.overPaid = Money.max(difference.negated(), 0)
    }
    return installments
  }

  private allocate(
    receipt: ReceiptRow,
    byId: Map<number, InstallmentStatus>,
    byProject: Map<number, InstallmentStatus[]>
  ) {
    const base = {
      journalId: Number(receipt.id),
      journalNo: receipt.journal_no,
      entryDate: plainDateOf(receipt.entry_date),
    }
    const amount = new Money(receipt.amount)
    const credit = (installment: InstallmentStatus, allocated: Money, explicit: boolean) => {
      installment.paid = installment.paid.plus(allocated)
      installment.receipts.push({ ...base, allocated, explicit })
    }
    if (receipt.installment_id !== null) {
      const target = byId.get(Number(receipt.installment_id))
      if (target && target.currency === receipt.currency.trim()) credit(target, amount, true)
      return
    }
    const plan = byProject.get(Number(receipt.project_id))
    if (!plan || plan[0].currency !== receipt.currency.trim()) return
    let remaining = amount
    for (const installment of plan) {
      const room = installment.amount.minus(installment.paid)
      if (room.lessThanOrEqualTo(0)) continue
      const take = Money.min(room, remaining)
      credit(installment, take, false)
      remaining = remaining.minus(take)
      if (remaining.isZero()) return
    }
    credit(plan[plan.length - 1], remaining, false)
  }
}

/** The wire form of an installment's status. */
export function installmentView(status: InstallmentStatus, asOf: string) {
  const fmt = (value: Money) => formatAmount(value, status.currency)
  let state: 'unpaid' | 'partial' | 'paid' | 'over_paid' = 'unpaid'
  if (status.overPaid.greaterThan(0)) state = 'over_paid'
  else if (status.outstanding.isZero()) state = 'paid'
  else if (status.paid.greaterThan(0)) state = 'partial'
  return {
    id: status.id,
    seq: status.seq,
    label: status.label,
    dueDate: status.dueDate,
    currency: status.currency,
    amount: fmt(status.amount),
    paid: fmt(status.paid),
    outstanding: fmt(status.outstanding),
    overPayment: fmt(status.overPaid),
    underPayment: fmt(
      status.paid.greaterThan(0) && status.dueDate <= asOf ? status.outstanding : new Money(0)
    ),
    state,
    overdue: status.dueDate < asOf && status.outstanding.greaterThan(0),
    receipts: status.receipts.map((r) => ({ ...r, allocated: fmt(r.allocated) })),
  }
}
