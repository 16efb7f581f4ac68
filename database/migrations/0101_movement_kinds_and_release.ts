import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Rules as data the ledger reads (issue 15): which movement kinds may use the credit limit or money
 * still awaiting 到账确认 (movement_kinds; "refunds never use credit" is its refund row), and the
 * currencies' decimals (already in currencies) — no longer arguments every caller passes.
 * ledger_post and ledger_reserve lose p_may_use_credit (and ledger_post p_minor_units,
 * p_base_minor_units); ledger_release frees a hold beside ledger_reserve; ledger_assert_period_open
 * states the closed-period refusal for checks ahead of a posting. The insufficient_balance facts
 * name the credit-inclusive figure `headroom` (available stays balance − pending).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE movement_kinds (
        kind varchar(20) PRIMARY KEY,
        name_zh varchar(20) NOT NULL,
        name_en varchar(40) NOT NULL,
        -- may take the balance below zero down to the customer's credit limit
        may_use_credit boolean NOT NULL,
        -- may use money registered but not yet confirmed (when banking settings forbid it)
        may_use_unconfirmed boolean NOT NULL
      );
      INSERT INTO movement_kinds (kind, name_zh, name_en, may_use_credit, may_use_unconfirmed) VALUES
        ('receipt', '收款登记', 'receipt', true, true),
        ('application', '核销', 'application', true, false),
        ('refund', '退款', 'refund', false, false),
        ('adjustment', '调整', 'adjustment', true, true),
        ('reversal', '红冲', 'reversal', true, true),
        ('opening', '期初余额', 'opening balance', true, true);

      ALTER TYPE ledger_account ADD ATTRIBUTE may_use_credit boolean,
        ADD ATTRIBUTE minor_units int, ADD ATTRIBUTE base_minor_units int;

      DROP FUNCTION IF EXISTS ledger_post(text, bigint, bigint, text, numeric, text, text, date,
        text, text, text, text, text, text, bigint, bigint, numeric, numeric, boolean, text, int,
        int, bigint, bigint, text, text, text, text, jsonb);
      DROP FUNCTION IF EXISTS ledger_reserve(text, bigint, bigint, text, numeric, boolean, bigint);
      DROP FUNCTION IF EXISTS ledger_assert_within_limits(ledger_account, text, bigint, text,
        numeric, numeric, boolean);
      DROP FUNCTION IF EXISTS ledger_lock_account(text, bigint, bigint, text, date, bigint);
    `)
    this.schema.raw(sqlFile('ledger'))
  }

  async down() {
    throw new Error('0101 is not reversible: restore 0100 by hand')
  }
}
