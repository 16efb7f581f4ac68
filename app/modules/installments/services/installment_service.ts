import { inject } from '@adonisjs/core'
import { Conflict, InvalidInput, NotFound } from '#kernel/errors'
import { toPlainDate } from '#kernel/company'
import { formatAmount } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'
import { plainDateOf } from '#modules/prepayments/public'
import type { UnitOfWork } from '#kernel/unit_of_work'
import type { MatchInput, PlanInput } from '#modules/installments/validators/installment_validators'

export interface ProjectRef {
  id: number
  customerId: number
  currency: string
}

const planView = (rows: any[]) =>
  rows.map((row) => ({
    id: Number(row.id),
    seq: Number(row.seq),
    label: row.label,
    dueDate: plainDateOf(row.due_date),
    amount: formatAmount(row.amount, row.currency.trim()),
  }))

/** Installment plans: replace a project's plan, match a receipt to one installment explicitly. */
@inject()
export class InstallmentService {
  /**
   * Replaces the plan of a project: items with an id update that installment, items without one are
   * added, installments left out are removed (with their explicit receipt matches). Numbered by due date.
   */
  async replacePlan(uow: UnitOfWork, project: ProjectRef, input: PlanInput) {
    const { trx } = uow
    const current = await trx.rawQuery(
      'SELECT * FROM installments WHERE project_id = ? ORDER BY seq FOR UPDATE',
      [project.id]
    )
    const existing = new Set<number>(current.rows.map((row: any) => Number(row.id)))
    const items = input.installments.map((item, index) => {
      if (item.id !== undefined && !existing.has(item.id)) {
        throw new InvalidInput(
          `installments.${index}.id`,
          'exists',
          'id does not name an installment of this project'
        )
      }
      const amount = parseAmount(`installments.${index}.amount`, item.amount, project.currency)
      return { ...item, dueDate: toPlainDate(item.dueDate), amount: amount.toFixed() }
    })
    const ids = items.map((item) => item.id).filter((id) => id !== undefined)
    if (new Set(ids).size !== ids.length)
      throw new InvalidInput('installments', 'distinct', 'an installment id appears twice')
    const ordered = [...items].sort((a, b) => a.dueDate.localeCompare(b.dueDate))

    const kept = new Set(ids)
    const removed = [...existing].filter((id) => !kept.has(id))
    if (removed.length) await trx.from('installments').whereIn('id', removed).delete()
    for (const [index, item] of ordered.entries()) {
      const values = {
        seq: index + 1,
        label: item.label ?? null,
        due_date: item.dueDate,
        amount: item.amount,
        updated_at: new Date(),
      }
      if (item.id !== undefined) await trx.from('installments').where('id', item.id).update(values)
      else
        await trx.table('installments').insert({
          ...values,
          project_id: project.id,
          customer_id: project.customerId,
          currency: project.currency,
        })
    }
    const after = await trx.rawQuery(
      'SELECT * FROM installments WHERE project_id = ? ORDER BY seq',
      [project.id]
    )
    uow.audit({
      entityType: 'installment_plan',
      entityId: project.id,
      action: 'replace',
      before: planView(current.rows),
      after: planView(after.rows),
    })
    return planView(after.rows)
  }

  /** Matches a receipt to one installment: the receipt then counts wholly on that installment. */
  async matchReceipt(uow: UnitOfWork, installmentId: number, input: MatchInput) {
    const { trx } = uow
    // Locked against a plan replacement deleting it meanwhile (that locks the project's rows).
    const installment = await trx.from('installments').where('id', installmentId).forShare().first()
    if (!installment) throw new NotFound('installment')
    const journal = await trx.from('journals').where('id', input.journalId).first()
    if (
      !journal ||
      journal.kind !== 'receipt' ||
      Number(journal.customer_id) !== Number(installment.customer_id)
    )
      throw new InvalidInput(
        'journalId',
        'exists',
        'journalId must name a receipt of this customer'
      )
    if (journal.currency !== installment.currency)
      throw new InvalidInput('journalId', 'currency', 'the receipt is in another currency')
    const previous = await trx
      .from('installment_receipt_matches')
      .where('journal_id', input.journalId)
      .first()
    if (previous && Number(previous.installment_id) === installmentId)
      throw new Conflict('already_matched', 'the receipt is already matched to this installment')
    await trx.rawQuery(
      `INSERT INTO installment_receipt_matches (journal_id, installment_id, matched_by) VALUES (?, ?, ?)
       ON CONFLICT (journal_id) DO UPDATE
         SET installment_id = EXCLUDED.installment_id, matched_by = EXCLUDED.matched_by, created_at = now()`,
      [input.journalId, installmentId, uow.actor.userId] as any[]
    )
    const after = { journalId: input.journalId, installmentId }
    uow.audit({
      entityType: 'installment_match',
      entityId: input.journalId,
      action: 'match',
      before: previous
        ? { journalId: input.journalId, installmentId: Number(previous.installment_id) }
        : undefined,
      after,
    })
    return after
  }
}
