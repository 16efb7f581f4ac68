import { inject } from '@adonisjs/core'
import emitter from '@adonisjs/core/services/emitter'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
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
import { PeriodService, periodClosed, periodOf } from '#modules/prepayments/services/period_service'
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
  constructor(private rates: ExchangeRateService) {}

  async post(uow: UnitOfWork, draft: JournalDraft) {
    const { trx } = uow
    const creditLimit = await this.creditLimitFor(trx, draft, draft.entryDate)
    const rate =
      draft.exchangeRate ?? (await this.rates.rateFor(trx, draft.currency, draft.entryDate))
    const locked = await this.lockBalance(trx, draft.customerId, draft.currency)
    const released = draft.releasesReserved ?? new Money(0)
    this.assertWithinLimits(draft, locked, released, creditLimit)

    const baseAmount = toBaseAmount(draft.balanceEffect, rate, company.baseCurrency)
    const { journal, lines } = await this.insertJournal(trx, uow, draft, rate, baseAmount)
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

  /**
   * The customer's credit limit for this movement, after checking the customer, the project and
   * (when `entryDate` is given) that the period is open — one statement for all of them. The
   * database refuses rows in a closed period too; this check gives the friendly answer first.
   */
  private async creditLimitFor(
    trx: TransactionClientContract,
    draft: BalanceTerms,
    entryDate?: string
  ): Promise<Decimal> {
    const result = await trx.rawQuery(
      `SELECT c.status, c.credit_limit, c.default_currency,
              (SELECT p.customer_id FROM projects p WHERE p.id = ?) AS project_customer_id,
              ${PeriodService.closedSql} AS period_closed
         FROM (SELECT 1) AS one LEFT JOIN customers c ON c.id = ?`,
      [
        draft.projectId ?? 0,
        entryDate ? periodOf(entryDate) : '',
        draft.customerId,
      ] as RawQueryBindings
    )
    const row = result.rows[0]
    if (row.period_closed) throw periodClosed(entryDate!)
    if (row.status === null) {
      throw new InvalidInput('customerId', 'exists', 'customerId does not name a customer')
    }
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

  /**
   * Inserts the journal and its two lines in one statement (one round trip). Customer Advances is
   * credited when the balance grows and debited when it shrinks.
   */
  private async insertJournal(
    trx: TransactionClientContract,
    uow: UnitOfWork,
    draft: JournalDraft,
    rate: string,
    base: Decimal
  ): Promise<{ journal: JournalRow; lines: LineRow[] }> {
    const amount = draft.balanceEffect.abs().toFixed()
    const baseAbs = base.abs().toFixed()
    const grows = draft.balanceEffect.isPositive()
    const side = (debit: boolean) =>
      debit ? [amount, '0', baseAbs, '0'] : ['0', amount, '0', baseAbs]
    const result = await trx.rawQuery(
      `WITH journal AS (
         INSERT INTO journals (journal_no, kind, customer_id, project_id, currency, amount,
                exchange_rate, base_amount, entry_date, channel, bank_reference, document_type,
                document_no, reason, memo, reverses_journal_id, approval_id, created_by)
         VALUES ('JV' || lpad(nextval('journal_no_seq')::text, 8, '0'),
                ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         RETURNING *
       ), lines AS (
         INSERT INTO journal_lines (journal_id, currency, entry_date, line_no, account_code,
                customer_id, project_id, debit, credit, base_debit, base_credit)
         SELECT journal.id, journal.currency, journal.entry_date, line.*
           FROM journal, (VALUES (1, ?::varchar, NULL::bigint, NULL::bigint, ?::numeric, ?::numeric, ?::numeric, ?::numeric),
                                 (2, ?::varchar, ?::bigint, ?::bigint, ?::numeric, ?::numeric, ?::numeric, ?::numeric))
                AS line (line_no, account_code, customer_id, project_id, debit, credit, base_debit, base_credit)
         RETURNING line_no, account_code, currency, debit, credit, base_debit, base_credit
       )
       SELECT journal.*, lines.line_no AS line_line_no, lines.account_code AS line_account_code,
              lines.currency AS line_currency, lines.debit AS line_debit, lines.credit AS line_credit,
              lines.base_debit AS line_base_debit, lines.base_credit AS line_base_credit
         FROM journal, lines
        ORDER BY lines.line_no`,
      [
        draft.kind,
        draft.customerId,
        draft.projectId,
        draft.currency,
        draft.balanceEffect.toFixed(),
        rate,
        base.toFixed(),
        draft.entryDate,
        draft.channel ?? null,
        draft.bankReference ?? null,
        draft.documentType ?? null,
        draft.documentNo ?? null,
        draft.reason ?? null,
        draft.memo ?? null,
        draft.reversesJournalId ?? null,
        draft.approvalId ?? null,
        uow.actor.userId,
        draft.counterAccount,
        ...side(grows),
        ACCOUNTS.customerAdvances,
        draft.customerId,
        draft.projectId,
        ...side(!grows),
      ] as RawQueryBindings
    )
    return splitJournalRows(result.rows)
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

/** The joined rows of insertJournal: the journal's columns, plus one line per row (line_*). */
function splitJournalRows(rows: Record<string, any>[]): { journal: JournalRow; lines: LineRow[] } {
  const journal: Record<string, any> = {}
  for (const [column, value] of Object.entries(rows[0])) {
    if (!column.startsWith('line_')) journal[column] = value
  }
  const lines = rows.map((row) => ({
    line_no: row.line_line_no,
    account_code: row.line_account_code,
    currency: row.line_currency,
    debit: row.line_debit,
    credit: row.line_credit,
    base_debit: row.line_base_debit,
    base_credit: row.line_base_credit,
  }))
  return { journal: journal as JournalRow, lines }
}
