import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { CURRENCY, nextAmount } from './api_client.js'
import { companyToday, onEachConnection } from './sql_floor.js'

/**
 * The database function alone: per posting one statement that calls `ledger_post` with the
 * arguments the API's LedgerWriter passes for a receipt (named, one prepared statement per
 * connection). Between the floor (the bare row writes) and the API (HTTP, auth, validation and the
 * reads around the call), it shows what the function's own checks cost.
 */
const LEDGER_POST = `SELECT ledger_post(p_kind => 'receipt', p_customer_id => $1, p_project_id => NULL,
    p_currency => $2, p_effect => $3, p_advances_account => '2203', p_counter_account => '1002',
    p_entry_date => $4, p_channel => 'bank_transfer', p_bank_reference => NULL,
    p_document_type => NULL, p_document_no => NULL, p_reason => NULL, p_memo => NULL,
    p_reverses_journal_id => NULL, p_approval_id => NULL, p_exchange_rate => NULL,
    p_released => '0', p_base_currency => $2, p_required_owner => NULL, p_actor_id => $5,
    p_actor_role => $6, p_ip => '127.0.0.1', p_user_agent => 'posting-bench',
    p_request_id => $7, p_audit_entries => '[]') AS view`

export class LedgerPostSide {
  constructor(
    private pool: pg.Pool,
    private actor: { id: number; role: string }
  ) {}

  run(customers: number[], perClient: number) {
    return onEachConnection(this.pool, customers, perClient, (client, customerId) =>
      this.post(client, customerId)
    )
  }

  /** One statement, its own transaction (autocommit), as the API sends it. */
  private async post(client: pg.PoolClient, customerId: number) {
    await client.query({
      name: 'bench_ledger_post',
      text: LEDGER_POST,
      values: [
        customerId,
        CURRENCY,
        nextAmount(customerId),
        companyToday(),
        this.actor.id,
        this.actor.role,
        randomUUID(),
      ],
    })
  }
}
