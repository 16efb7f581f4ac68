import emitter from '@adonisjs/core/services/emitter'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { actorBindings, auditEntriesJson } from '#modules/audit/public'
import { company } from '#kernel/company'
import { ACCOUNTS } from '#modules/prepayments/ledger/accounts'
import type { JournalDraft } from '#modules/prepayments/ledger/journal_draft'
import { ledgerRefusal } from '#modules/prepayments/ledger/ledger_refusals'
import { Money } from '#kernel/money/money'
import type { JournalView } from '#modules/prepayments/services/journal_view'
import { preparedQuery } from '#kernel/prepared_statement'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** An amount to hold on a customer's balance while a request awaits approval. */
export interface Reservation {
  kind: JournalDraft['kind']
  customerId: number
  projectId: number | null
  currency: string
  amount: Money
}

/** A call of a database function with named arguments (one fixed text: a prepared statement). */
function callSql(fn: string, params: readonly string[], select = '') {
  const args = params.map((name) => `p_${name} => ?`).join(', ')
  return `SELECT ${fn}(${args})${select}`
}

const POST_PARAMS = [
  'kind',
  'customer_id',
  'project_id',
  'currency',
  'effect',
  'advances_account',
  'counter_account',
  'entry_date',
  'channel',
  'bank_reference',
  'document_type',
  'document_no',
  'reason',
  'memo',
  'reverses_journal_id',
  'approval_id',
  'exchange_rate',
  'released',
  'base_currency',
  'required_owner',
  'actor_id',
  'actor_role',
  'ip',
  'user_agent',
  'request_id',
  'audit_entries',
] as const
const POST_SQL = callSql('ledger_post', POST_PARAMS, ' AS view')

const RESERVE_PARAMS = [
  'kind',
  'customer_id',
  'project_id',
  'currency',
  'amount',
  'required_owner',
] as const
const RESERVE_SQL = callSql('ledger_reserve', RESERVE_PARAMS)

/** Binds a call's arguments by name, in the order of its parameter list. */
function bindByName<Name extends string>(
  params: readonly Name[],
  values: Record<Name, unknown>
): RawQueryBindings {
  return params.map((name) => values[name]) as RawQueryBindings
}

/**
 * Writes journal drafts to the ledger: the one place where balances change. The rules live in the
 * database function ledger_post (database/migrations/0040_…), which locks the customer × currency
 * balance row, checks the caller's right to the customer, the period, the project, the bank
 * reference and the limits (after posting, balance − pending ≥ −credit limit; ≥ 0 for movements
 * that may not use credit), writes the journal, its two lines and the balances, and appends the
 * audit rows — one round trip. `node ace ledger:check` proves balances equal their lines.
 */
export class LedgerWriter {
  /** Posts the draft in the unit of work (as its only statement, for a one-statement unit). */
  async post(uow: UnitOfWork, draft: JournalDraft): Promise<JournalView> {
    const guard = uow.pendingGuard(draft.customerId)
    const [actorId, actorRole, ip, userAgent, requestId] = actorBindings(uow.actor)
    const bindings = bindByName(POST_PARAMS, {
      kind: draft.kind,
      customer_id: draft.customerId,
      project_id: draft.projectId,
      currency: draft.currency,
      effect: draft.balanceEffect.toFixed(),
      advances_account: ACCOUNTS.customerAdvances,
      counter_account: draft.counterAccount,
      entry_date: draft.entryDate,
      channel: draft.channel ?? null,
      bank_reference: draft.bankReference ?? null,
      document_type: draft.documentType ?? null,
      document_no: draft.documentNo ?? null,
      reason: draft.reason ?? null,
      memo: draft.memo ?? null,
      reverses_journal_id: draft.reversesJournalId ?? null,
      approval_id: draft.approvalId ?? null,
      exchange_rate: draft.exchangeRate ?? null,
      released: (draft.releasesReserved ?? new Money(0)).toFixed(),
      base_currency: company.baseCurrency,
      required_owner: guard ? guard.requiredOwner : null,
      actor_id: actorId,
      actor_role: actorRole,
      ip,
      user_agent: userAgent,
      request_id: requestId,
      audit_entries: auditEntriesJson(uow.takeAuditEntries()),
    })
    const result = await preparedQuery(uow.client, POST_SQL, bindings).catch((error) => {
      throw ledgerRefusal(error, { entryDate: draft.entryDate, guard })
    })
    uow.customerCheckedBy(draft.customerId)
    const view: JournalView = result.rows[0].view
    uow.onCommit(() => emitter.emit('ledger:journal_posted', view))
    return view
  }

  /**
   * Holds `amount` as pending (可用余额 drops at once), under the same lock and limits as a posting,
   * so two open requests can never together exceed what the customer has.
   */
  async reserve(uow: UnitOfWork, hold: Reservation) {
    const guard = uow.pendingGuard(hold.customerId)
    const bindings = bindByName(RESERVE_PARAMS, {
      kind: hold.kind,
      customer_id: hold.customerId,
      project_id: hold.projectId,
      currency: hold.currency,
      amount: hold.amount.toFixed(),
      required_owner: guard ? guard.requiredOwner : null,
    })
    await preparedQuery(uow.client, RESERVE_SQL, bindings).catch((error) => {
      throw ledgerRefusal(error, { guard })
    })
    uow.customerCheckedBy(hold.customerId)
  }

  /** Frees what a closed request held (ledger_release: never more than is pending). */
  async release(uow: UnitOfWork, customerId: number, currency: string, amount: Money) {
    await uow.trx
      .rawQuery('SELECT ledger_release(?, ?, ?)', [customerId, currency, amount.toFixed()])
      .catch((error) => {
        throw ledgerRefusal(error)
      })
  }
}
