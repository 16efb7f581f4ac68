import { LIVE_MATCHED } from '#modules/banking/services/bank_accounts'
import { inject } from '@adonisjs/core'
import { Decimal } from 'decimal.js'
import { Conflict, InvalidInput, NotFound } from '#kernel/errors'
import { actingUser, writeLinks, type Link } from '#modules/banking/services/match_writer'
import { formatAmount } from '#kernel/money/money'
import { plainDateOf } from '#modules/prepayments/public'
import { PostingService } from '#modules/prepayments/public'
import type { Channel } from '#modules/prepayments/public'
import type { UnitOfWork } from '#kernel/unit_of_work'

export interface LockedLine {
  id: number
  direction: 'credit' | 'debit'
  amount: string
  currency: string
  value_date: Date | string
  bank_reference: string | null
  counterparty_account: string | null
  memo: string | null
  status: string
  channel: Channel
}

/** A receipt to post for (a part of) a credit line. */
export interface ReceiptTarget {
  customerId: number
  projectId: number | null
  /** the share of the line, exact decimal text (the whole line when absent) */
  amount?: string
  entryDate?: string
}

type Method = Link['method']

/**
 * The clerk's work on one bank line (the work queue's buttons): confirm a suggestion or a customer
 * (posts the receipt through the ledger's one posting path and links it), link a receipt already
 * registered, split the line across customers, or mark it not a prepayment. Every action first
 * takes the line's row lock, so however many clerks press at once a line is posted once.
 */
@inject()
export class BankLineActions {
  constructor(private postings: PostingService) {}

  async lock(uow: UnitOfWork, lineId: number): Promise<LockedLine> {
    const result = await uow.trx.rawQuery(
      // amount: what no live link accounts for (all of it, unless a linked receipt was reversed
      // and the line came back to the queue: its old link proves nothing any more)
      `SELECT l.id, l.direction, l.amount - ${LIVE_MATCHED} AS amount, l.currency, l.value_date, l.bank_reference,
              l.counterparty_account, l.memo, l.status, a.channel
         FROM bank_lines l JOIN bank_accounts a ON a.id = l.bank_account_id
        WHERE l.id = ? FOR UPDATE OF l`,
      [lineId]
    )
    const line = result.rows[0]
    if (!line) throw new NotFound('bank line')
    if (line.status === 'matched') {
      throw new Conflict('bank_line_matched', `bank line ${lineId} is already matched`)
    }
    if (line.status === 'ignored') {
      throw new Conflict('bank_line_ignored', `bank line ${lineId} is marked not a prepayment`)
    }
    return line
  }

  /** Confirms a suggestion (by id) or names the customer / registered receipt directly. */
  async confirm(
    uow: UnitOfWork,
    lineId: number,
    input: {
      suggestionId?: number
      customerId?: number
      projectId?: number
      journalId?: number
      entryDate?: string
    }
  ) {
    const line = await this.lock(uow, lineId)
    let target = input
    let reason: string | null = null
    let confidence: string | null = null
    if (input.suggestionId !== undefined) {
      const suggestion = await uow.trx
        .from('bank_match_suggestions')
        .where({ id: input.suggestionId, bank_line_id: lineId })
        .first()
      if (!suggestion)
        throw new InvalidInput('suggestionId', 'exists', 'no such suggestion for this line')
      target = {
        customerId: Number(suggestion.customer_id),
        projectId: suggestion.project_id === null ? undefined : Number(suggestion.project_id),
        journalId: suggestion.journal_id === null ? undefined : Number(suggestion.journal_id),
        entryDate: input.entryDate,
      }
      reason = suggestion.reason
      confidence = suggestion.confidence
    }
    if (target.journalId !== undefined)
      return this.linkRegistered(uow, line, target.journalId, reason, confidence)
    if (target.customerId === undefined) {
      throw new InvalidInput('customerId', 'required', 'name a suggestion, a customer or a receipt')
    }
    const links = await this.postFor(
      uow,
      line,
      [
        {
          customerId: target.customerId,
          projectId: target.projectId ?? null,
          entryDate: target.entryDate,
        },
      ],
      'confirmed',
      reason,
      confidence
    )
    await this.learnPayer(uow, line, target.customerId)
    return links
  }

  /** One line across several customers: the parts must add up to the line exactly. */
  async split(uow: UnitOfWork, lineId: number, parts: ReceiptTarget[], entryDate?: string) {
    const line = await this.lock(uow, lineId)
    const total = parts.reduce((sum, part) => sum.plus(part.amount ?? '0'), new Decimal(0))
    if (!total.eq(line.amount)) {
      throw new InvalidInput(
        'parts',
        'sum',
        `the parts add up to ${total.toFixed()}, the line is ${new Decimal(line.amount).toFixed()}`
      )
    }
    return this.postFor(
      uow,
      line,
      parts.map((part) => ({ ...part, entryDate })),
      'split',
      null,
      null
    )
  }

  /** Not a prepayment (a bank fee, a sale paid on delivery…): leaves the queue with the reason. */
  async ignore(uow: UnitOfWork, lineId: number, reason: string) {
    await this.lock(uow, lineId)
    const live = await uow.trx.rawQuery(
      `SELECT ${LIVE_MATCHED} AS matched FROM bank_lines l WHERE l.id = ?`,
      [lineId]
    )
    const matched = Number(live.rows[0].matched) !== 0
    if (matched)
      throw new Conflict('bank_line_partly_matched', 'part of this line is already matched')
    await uow.trx.rawQuery(
      `UPDATE bank_lines SET status = 'ignored', status_note = ?, status_by = ?, status_at = now() WHERE id = ?`,
      [reason, actingUser(uow), lineId]
    )
    await uow.trx.rawQuery('DELETE FROM bank_match_suggestions WHERE bank_line_id = ?', [lineId])
    uow.audit({ entityType: 'bank_line', entityId: lineId, action: 'ignore', after: { reason } })
    return { id: lineId, status: 'ignored', note: reason }
  }

  /** Posts one receipt per target (Dr the account's funds / Cr Customer Advances) and links them. */
  async postFor(
    uow: UnitOfWork,
    line: LockedLine,
    targets: ReceiptTarget[],
    method: Method,
    reason: string | null,
    confidence: string | null
  ) {
    if (line.direction !== 'credit') {
      throw new Conflict(
        'bank_line_not_credit',
        'only money received can become a receipt; link the refund instead'
      )
    }
    const links: Link[] = []
    for (const [index, target] of targets.entries()) {
      const amount = target.amount ?? line.amount
      const reference = line.bank_reference ?? `BL${line.id}`
      const view = await this.postings.receipt(uow, {
        customerId: target.customerId,
        projectId: target.projectId ?? undefined,
        amount: formatAmount(amount, line.currency),
        currency: line.currency,
        channel: line.channel,
        bankReference: targets.length > 1 ? `${reference}/${index + 1}`.slice(0, 80) : reference,
        entryDate: target.entryDate ?? plainDateOf(line.value_date),
        memo: line.memo?.slice(0, 500) ?? undefined,
      })
      links.push({
        lineId: line.id,
        journalId: view.id,
        customerId: target.customerId,
        amount: new Decimal(amount).toFixed(),
        method,
        reason,
        confidence,
      })
    }
    return writeLinks(uow, links)
  }

  /** Links a receipt (or, for a debit line, a refund) already in the ledger. */
  async linkRegistered(
    uow: UnitOfWork,
    line: LockedLine,
    journalId: number,
    reason: string | null,
    confidence: string | null
  ) {
    const journal = await uow.trx.from('journals').where('id', journalId).first()
    const kind = line.direction === 'credit' ? 'receipt' : 'refund'
    const expected =
      line.direction === 'credit' ? new Decimal(line.amount) : new Decimal(line.amount).negated()
    if (!journal || journal.kind !== kind)
      throw new InvalidInput('journalId', 'exists', `journalId does not name a ${kind}`)
    if (journal.currency !== line.currency || !expected.eq(journal.amount)) {
      throw new InvalidInput(
        'journalId',
        'amount',
        `the ${kind} is not of the line's amount and currency`
      )
    }
    const reversed = await uow.trx.from('journals').where('reverses_journal_id', journalId).first()
    if (reversed)
      throw new Conflict('already_reversed', `journal ${journal.journal_no} is reversed`)
    const links = await writeLinks(uow, [
      {
        lineId: line.id,
        journalId,
        customerId: Number(journal.customer_id),
        amount: new Decimal(line.amount).toFixed(),
        method: 'manual',
        reason,
        confidence,
      },
    ])
    if (links.length === 0)
      throw new Conflict(
        'journal_matched',
        `journal ${journal.journal_no} is matched to another line`
      )
    return links
  }

  /** Finance said whose money this account sends: the matcher will know next time. */
  async learnPayer(uow: UnitOfWork, line: LockedLine, customerId: number) {
    if (!line.counterparty_account) return
    await uow.trx.rawQuery(
      `INSERT INTO payer_accounts (account_no, customer_id, learned_from_line_id, learned_by)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (account_no) DO UPDATE SET customer_id = EXCLUDED.customer_id,
         learned_from_line_id = EXCLUDED.learned_from_line_id, learned_by = EXCLUDED.learned_by, learned_at = now()`,
      [line.counterparty_account, customerId, line.id, actingUser(uow)]
    )
    uow.audit({
      entityType: 'payer_account',
      entityId: line.counterparty_account,
      action: 'learn',
      after: { customerId, lineId: line.id },
    })
  }
}
