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
  type BalanceSnapshot,
  type JournalRow,
  type LineRow,
} from '#modules/prepayments/services/journal_view'
import { preparedQuery } from '#modules/shared/prepared_statement'
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

interface LockedAccount {
  balance: Decimal
  pending: Decimal
  creditLimit: Decimal
}

/** Lock the balance row; read the customer, the project's owner and the period's state with it. */
const LOCK_ACCOUNT_SQL = `WITH locked AS (
         SELECT balance, pending FROM customer_balances
          WHERE customer_id = ? AND currency = ? FOR UPDATE
       )
       SELECT c.status, c.credit_limit, c.default_currency, c.sales_owner_id,
              (SELECT p.customer_id FROM projects p WHERE p.id = ?) AS project_customer_id,
              ${PeriodService.closedSql} AS period_closed,
              locked.balance, locked.pending, locked.balance IS NOT NULL AS locked
         FROM (SELECT 1) AS one
         LEFT JOIN customers c ON c.id = ?
         LEFT JOIN locked ON true`

/** Upserts the project's balance too (only for movements on a project). */
const PROJECT_BALANCE_CTE = `, project_balance AS (
           INSERT INTO project_balances (project_id, currency, customer_id, balance)
           VALUES (?, ?, ?, ?)
           ON CONFLICT (project_id, currency) DO UPDATE
             SET balance = project_balances.balance + EXCLUDED.balance, updated_at = now()
         )`

/** The journal, its two lines and the balance changes in one statement: two fixed texts. */
function writeJournalSql(projectBalance: string) {
  return `WITH journal AS (
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
       ), balance AS (
         UPDATE customer_balances
            SET balance = balance + ?, pending = pending - ?,
                last_journal_id = (SELECT id FROM journal), updated_at = now()
          WHERE customer_id = ? AND currency = ?
          RETURNING balance, pending
       )${projectBalance}
       SELECT journal.*, lines.line_no AS line_line_no, lines.account_code AS line_account_code,
              lines.currency AS line_currency, lines.debit AS line_debit, lines.credit AS line_credit,
              lines.base_debit AS line_base_debit, lines.base_credit AS line_base_credit,
              balance.balance AS after_balance, balance.pending AS after_pending
         FROM journal, lines, balance
        ORDER BY lines.line_no`
}
const WRITE_JOURNAL_SQL = {
  plain: writeJournalSql(''),
  withProject: writeJournalSql(PROJECT_BALANCE_CTE),
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

  /**
   * `checksUnderLock` run after the account is locked and the caller's right to the customer is
   * checked, before anything is written (checks whose answer the caller may only see then).
   */
  async post(uow: UnitOfWork, draft: JournalDraft, checksUnderLock?: () => Promise<void>) {
    const { trx } = uow
    const account = await this.lockAccount(uow, draft, draft.entryDate)
    await checksUnderLock?.()
    const rate =
      draft.exchangeRate ?? (await this.rates.rateFor(trx, draft.currency, draft.entryDate))
    const released = draft.releasesReserved ?? new Money(0)
    this.assertWithinLimits(draft, account, released)

    const baseAmount = toBaseAmount(draft.balanceEffect, rate, company.baseCurrency)
    const { journal, lines, balanceAfter } = await this.writeJournal(
      uow,
      draft,
      rate,
      baseAmount,
      released
    )
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
    const account = await this.lockAccount(uow, terms)
    this.assertWithinLimits(terms, account, new Money(0))
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
   * Locks the customer × currency balance row and reads, in the same statement, what the checks
   * need: the customer (the unit of work's customer guard runs on it), the project and, when
   * `entryDate` is given, whether its period is closed. The database refuses rows in a closed
   * period too; this check gives the friendly answer first. The balance row is created on a
   * customer's first movement in a currency.
   */
  private async lockAccount(
    uow: UnitOfWork,
    draft: BalanceTerms,
    entryDate?: string
  ): Promise<LockedAccount> {
    let row = await this.readLocked(uow.trx, draft, entryDate)
    uow.customerRead(
      draft.customerId,
      row.status === null ? null : { salesOwnerId: row.sales_owner_id }
    )
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
    if (!row.locked) {
      await uow.trx.rawQuery(
        'INSERT INTO customer_balances (customer_id, currency) VALUES (?, ?) ON CONFLICT DO NOTHING',
        [draft.customerId, draft.currency]
      )
      row = await this.readLocked(uow.trx, draft, entryDate)
    }
    return {
      balance: new Money(row.balance),
      pending: new Money(row.pending),
      // The credit limit is set in the customer's default currency; other currencies get none.
      creditLimit:
        row.default_currency === draft.currency ? new Money(row.credit_limit) : new Money(0),
    }
  }

  private async readLocked(
    trx: TransactionClientContract,
    draft: BalanceTerms,
    entryDate?: string
  ) {
    const result = await preparedQuery(trx, LOCK_ACCOUNT_SQL, [
      draft.customerId,
      draft.currency,
      draft.projectId ?? 0,
      entryDate ? periodOf(entryDate) : '',
      draft.customerId,
    ] as RawQueryBindings)
    return result.rows[0]
  }

  private assertWithinLimits(draft: BalanceTerms, account: LockedAccount, released: Decimal) {
    if (!draft.balanceEffect.isNegative()) return
    const pendingAfter = account.pending.minus(released)
    const availableAfter = account.balance.plus(draft.balanceEffect).minus(pendingAfter)
    const floor = draft.mayUseCredit ? account.creditLimit.negated() : new Money(0)
    if (availableAfter.lessThan(floor)) {
      const available = account.balance
        .minus(pendingAfter)
        .plus(draft.mayUseCredit ? account.creditLimit : 0)
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
   * Writes the journal, its two lines and the balance changes in one statement (one round trip).
   * Customer Advances is credited when the balance grows and debited when it shrinks.
   */
  private async writeJournal(
    uow: UnitOfWork,
    draft: JournalDraft,
    rate: string,
    base: Decimal,
    released: Decimal
  ): Promise<{ journal: JournalRow; lines: LineRow[]; balanceAfter: BalanceSnapshot }> {
    const amount = draft.balanceEffect.abs().toFixed()
    const baseAbs = base.abs().toFixed()
    const effect = draft.balanceEffect.toFixed()
    const grows = draft.balanceEffect.isPositive()
    const side = (debit: boolean) =>
      debit ? [amount, '0', baseAbs, '0'] : ['0', amount, '0', baseAbs]
    const result = await preparedQuery(
      uow.trx,
      WRITE_JOURNAL_SQL[draft.projectId ? 'withProject' : 'plain'],
      [
        draft.kind,
        draft.customerId,
        draft.projectId,
        draft.currency,
        effect,
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
        effect,
        released.toFixed(),
        draft.customerId,
        draft.currency,
        ...(draft.projectId ? [draft.projectId, draft.currency, draft.customerId, effect] : []),
      ] as RawQueryBindings
    )
    const first = result.rows[0]
    return {
      ...splitJournalRows(result.rows),
      balanceAfter: {
        currency: draft.currency,
        balance: new Money(first.after_balance),
        pending: new Money(first.after_pending),
      },
    }
  }
}

/** The joined rows of writeJournal: the journal's columns, one line per row (line_*), after_*. */
function splitJournalRows(rows: Record<string, any>[]): { journal: JournalRow; lines: LineRow[] } {
  const journal: Record<string, any> = {}
  for (const [column, value] of Object.entries(rows[0])) {
    if (!column.startsWith('line_') && !column.startsWith('after_')) journal[column] = value
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
