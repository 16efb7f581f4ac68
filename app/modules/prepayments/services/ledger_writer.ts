import { inject } from '@adonisjs/core'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, InvalidInput } from '#exceptions/api_errors'
import { company } from '#modules/prepayments/company'
import { ACCOUNTS } from '#modules/prepayments/ledger/accounts'
import type { JournalDraft } from '#modules/prepayments/ledger/journal_draft'
import {
  Money,
  formatAmount,
  toBaseAmount,
  type Money as Decimal,
} from '#modules/prepayments/money/money'
import { ExchangeRateService } from '#modules/prepayments/services/exchange_rate_service'
import { PeriodService } from '#modules/prepayments/services/period_service'
import {
  journalView,
  type JournalRow,
  type LineRow,
} from '#modules/prepayments/services/journal_view'
import type { UnitOfWork } from '#modules/shared/unit_of_work'

/** The parts of a movement the balance checks need. */
type BalanceTerms = Pick<
  JournalDraft,
  'kind' | 'customerId' | 'projectId' | 'currency' | 'balanceEffect' | 'mayUseCredit'
>

/** An amount to hold on a customer's balance while a request awaits approval. */
export interface Reservation {
  kind: JournalDraft['kind']
  customerId: number
  projectId: number | null
  currency: string
  amount: Decimal
  mayUseCredit: boolean
}

interface LockedBalance {
  balance: Decimal
  pending: Decimal
}

/**
 * Writes a journal draft to the ledger: the one place where balances change.
 * Invariants (also enforced by the database where it can):
 *  - a journal has two lines, Customer Advances and the counter account, debits = credits;
 *  - the customer × currency balance row is locked before it is read, so no update is lost;
 *  - after posting, balance − pending ≥ −credit limit (≥ 0 for movements that may not use credit);
 *  - the balance row always equals the sum of the customer's Customer Advances lines.
 */
@inject()
export class LedgerWriter {
  constructor(
    private rates: ExchangeRateService,
    private periods: PeriodService
  ) {}

  async post(uow: UnitOfWork, draft: JournalDraft) {
    const { trx } = uow
    await this.periods.assertOpen(trx, draft.entryDate)
    const creditLimit = await this.creditLimitFor(trx, draft)
    const rate =
      draft.exchangeRate ?? (await this.rates.rateFor(trx, draft.currency, draft.entryDate))
    const locked = await this.lockBalance(trx, draft.customerId, draft.currency)
    const released = draft.releasesReserved ?? new Money(0)
    this.assertWithinLimits(draft, locked, released, creditLimit)

    const baseAmount = toBaseAmount(draft.balanceEffect, rate, company.baseCurrency)
    const journal = await this.insertJournal(trx, uow, draft, rate, baseAmount)
    const lines = await this.insertLines(trx, journal, draft, baseAmount)
    const balanceAfter = await this.applyToBalances(trx, draft, journal.id, released)

    const view = journalView(journal, lines, balanceAfter)
    uow.audit({
      entityType: 'journal',
      entityId: journal.id,
      action: `post_${draft.kind}`,
      after: view,
    })
    uow.onCommit(() => emitter.emit('ledger:journal_posted', view))
    return view
  }

  /**
   * Holds `amount` as pending (可用余额 drops at once), under the same lock and limits as a posting,
   * so two open requests can never together exceed what the customer has.
   */
  async reserve(uow: UnitOfWork, hold: Reservation) {
    const terms: BalanceTerms = { ...hold, balanceEffect: hold.amount.negated() }
    const creditLimit = await this.creditLimitFor(uow.trx, terms)
    const locked = await this.lockBalance(uow.trx, hold.customerId, hold.currency)
    this.assertWithinLimits(terms, locked, new Money(0), creditLimit)
    await this.changePending(uow, hold.customerId, hold.currency, hold.amount)
  }

  async release(uow: UnitOfWork, customerId: number, currency: string, amount: Decimal) {
    await this.changePending(uow, customerId, currency, amount.negated())
  }

  private async changePending(
    uow: UnitOfWork,
    customerId: number,
    currency: string,
    delta: Decimal
  ) {
    await uow.trx.rawQuery(
      'UPDATE customer_balances SET pending = pending + ?, updated_at = now() WHERE customer_id = ? AND currency = ?',
      [delta.toFixed(), customerId, currency]
    )
  }

  private async creditLimitFor(
    trx: TransactionClientContract,
    draft: BalanceTerms
  ): Promise<Decimal> {
    const result = await trx.rawQuery(
      `SELECT c.status, c.credit_limit, c.default_currency,
              (SELECT p.customer_id FROM projects p WHERE p.id = ?) AS project_customer_id
         FROM customers c WHERE c.id = ?`,
      [draft.projectId ?? 0, draft.customerId] as number[]
    )
    const row = result.rows[0]
    if (!row) throw new InvalidInput('customerId', 'exists', 'customerId does not name a customer')
    if (draft.projectId && Number(row.project_customer_id) !== draft.customerId) {
      throw new InvalidInput(
        'projectId',
        'exists',
        'projectId does not name a project of this customer'
      )
    }
    if (row.status !== 'active' && draft.balanceEffect.isPositive() && draft.kind === 'receipt') {
      throw new Conflict(
        'customer_inactive',
        'the customer is inactive; reactivate it before registering receipts',
        undefined,
        'customerId'
      )
    }
    // The credit limit is set in the customer's default currency; other currencies get no credit.
    return row.default_currency === draft.currency ? new Money(row.credit_limit) : new Money(0)
  }

  private async lockBalance(
    trx: TransactionClientContract,
    customerId: number,
    currency: string
  ): Promise<LockedBalance> {
    const select = () =>
      trx.rawQuery(
        'SELECT balance, pending FROM customer_balances WHERE customer_id = ? AND currency = ? FOR UPDATE',
        [customerId, currency]
      )
    let result = await select()
    if (result.rows.length === 0) {
      await trx.rawQuery(
        'INSERT INTO customer_balances (customer_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [customerId, currency]
      )
      result = await select()
    }
    return {
      balance: new Money(result.rows[0].balance),
      pending: new Money(result.rows[0].pending),
    }
  }

  private assertWithinLimits(
    draft: BalanceTerms,
    locked: LockedBalance,
    released: Decimal,
    creditLimit: Decimal
  ) {
    if (!draft.balanceEffect.isNegative()) return
    const pendingAfter = locked.pending.minus(released)
    const availableAfter = locked.balance.plus(draft.balanceEffect).minus(pendingAfter)
    const floor = draft.mayUseCredit ? creditLimit.negated() : new Money(0)
    if (availableAfter.lessThan(floor)) {
      const available = locked.balance
        .minus(pendingAfter)
        .plus(draft.mayUseCredit ? creditLimit : 0)
      throw new Conflict(
        'insufficient_balance',
        `amount exceeds what is available (${formatAmount(available, draft.currency)} ${draft.currency})`,
        {
          available: formatAmount(available, draft.currency),
          currency: draft.currency,
          customerId: draft.customerId,
          kind: draft.kind,
          amount: formatAmount(draft.balanceEffect.abs(), draft.currency),
        },
        'amount'
      )
    }
  }

  private async insertJournal(
    trx: TransactionClientContract,
    uow: UnitOfWork,
    draft: JournalDraft,
    rate: string,
    baseAmount: Decimal
  ): Promise<JournalRow> {
    const [row] = await trx
      .insertQuery()
      .table('journals')
      .insert({
        journal_no: trx.raw("'JV' || lpad(nextval('journal_no_seq')::text, 8, '0')"),
        kind: draft.kind,
        customer_id: draft.customerId,
        project_id: draft.projectId,
        currency: draft.currency,
        amount: draft.balanceEffect.toFixed(),
        exchange_rate: rate,
        base_amount: baseAmount.toFixed(),
        entry_date: draft.entryDate,
        channel: draft.channel ?? null,
        bank_reference: draft.bankReference ?? null,
        document_type: draft.documentType ?? null,
        document_no: draft.documentNo ?? null,
        reason: draft.reason ?? null,
        memo: draft.memo ?? null,
        reverses_journal_id: draft.reversesJournalId ?? null,
        approval_id: draft.approvalId ?? null,
        created_by: uow.actor.userId,
      })
      .returning('*')
    return row
  }

  /** Customer Advances is credited when the balance grows and debited when it shrinks. */
  private async insertLines(
    trx: TransactionClientContract,
    journal: JournalRow,
    draft: JournalDraft,
    base: Decimal
  ) {
    const amount = draft.balanceEffect.abs().toFixed()
    const baseAbs = base.abs().toFixed()
    const grows = draft.balanceEffect.isPositive()
    const side = (debit: boolean) => ({
      debit: debit ? amount : '0',
      credit: debit ? '0' : amount,
      base_debit: debit ? baseAbs : '0',
      base_credit: debit ? '0' : baseAbs,
    })
    const common = { journal_id: journal.id, currency: draft.currency, entry_date: draft.entryDate }
    const rows = [
      {
        ...common,
        line_no: 1,
        account_code: draft.counterAccount,
        customer_id: null,
        project_id: null,
        ...side(grows),
      },
      {
        ...common,
        line_no: 2,
        account_code: ACCOUNTS.customerAdvances,
        customer_id: draft.customerId,
        project_id: draft.projectId,
        ...side(!grows),
      },
    ]
    const inserted = await trx.table('journal_lines').multiInsert(rows).returning('*')
    return inserted as LineRow[]
  }

  private async applyToBalances(
    trx: TransactionClientContract,
    draft: JournalDraft,
    journalId: number,
    released: Decimal
  ) {
    const effect = draft.balanceEffect.toFixed()
    const result = await trx.rawQuery(
      `UPDATE customer_balances
          SET balance = balance + ?, pending = pending - ?, last_journal_id = ?, updated_at = now()
        WHERE customer_id = ? AND currency = ?
        RETURNING balance, pending`,
      [effect, released.toFixed(), journalId, draft.customerId, draft.currency]
    )
    if (draft.projectId) {
      await trx.rawQuery(
        `INSERT INTO project_balances (project_id, currency, customer_id, balance) VALUES (?, ?, ?, ?)
         ON CONFLICT (project_id, currency) DO UPDATE
           SET balance = project_balances.balance + EXCLUDED.balance, updated_at = now()`,
        [draft.projectId, draft.currency, draft.customerId, effect]
      )
    }
    const row = result.rows[0]
    return {
      currency: draft.currency,
      balance: new Money(row.balance),
      pending: new Money(row.pending),
    }
  }
}
