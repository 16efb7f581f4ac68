import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * 汇兑损益 (issue 19, FX): an advance in a foreign currency is relieved at its historical base
 * (weighted average per customer × currency, docs/domain.md) and the difference against the day's
 * rate posts to 6603 财务费用—汇兑损益 as a third, base-only line of the same journal. So:
 *  - the account 6603 and its voucher mapping (same code, as the other accounts);
 *  - a journal line may carry a base amount alone (no amount in the currency), for that line;
 *  - ledger_post (ledger.sql) and the commit-time guard "a zero currency balance holds zero base"
 *    (ledger_guards.sql) are reloaded.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      INSERT INTO ledger_accounts (code, name_zh, name_en, type)
        VALUES ('6603', '财务费用—汇兑损益', 'Finance costs: exchange gain/loss', 'expense')
        ON CONFLICT (code) DO NOTHING;
      INSERT INTO voucher_account_map (account_code, external_code, external_name, customer_aux, project_aux)
        VALUES ('6603', '6603', '财务费用—汇兑损益', false, false)
        ON CONFLICT (account_code) DO NOTHING;

      DO $$
      DECLARE v_name text;
      BEGIN
        SELECT conname INTO v_name FROM pg_constraint
         WHERE conrelid = 'journal_lines'::regclass AND contype = 'c'
           AND pg_get_constraintdef(oid) LIKE '%(debit = (0)::numeric) <> (credit = (0)::numeric)%';
        IF v_name IS NOT NULL THEN
          EXECUTE format('ALTER TABLE journal_lines DROP CONSTRAINT %I', v_name);
        END IF;
      END $$;
      -- one side in the currency; or, for the exchange difference, none there and one in base
      ALTER TABLE journal_lines ADD CONSTRAINT journal_lines_one_side CHECK (
        debit >= 0 AND credit >= 0 AND (
          (debit = 0) <> (credit = 0)
          OR (debit = 0 AND credit = 0 AND (base_debit = 0) <> (base_credit = 0))));
    `)
    this.schema.raw(sqlFile('ledger'))
    this.schema.raw(sqlFile('ledger_guards'))
  }

  async down() {
    throw new Error('0180 is not reversible: journals with an exchange-difference line may exist')
  }
}
