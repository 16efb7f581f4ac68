import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Limits per currency (issue 19): a credit limit and a low-balance line per customer × currency.
 * The customer's own fields (credit_limit, low_balance_threshold) stay the default currency's row:
 * a trigger copies them into the table whenever they or the default currency change (the currency
 * the default leaves keeps nothing, as before: the limit moves with the default). The ledger reads
 * only the table (ledger_credit_limit, reloaded with ledger.sql). Alerts about a currency other
 * than the default name the row (subject `customer_currency`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE customer_currency_limits (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        currency char(3) NOT NULL REFERENCES currencies(code),
        credit_limit numeric(20,4) NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),
        low_balance_threshold numeric(20,4) CHECK (low_balance_threshold >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_id, currency)
      );
      INSERT INTO customer_currency_limits (customer_id, currency, credit_limit, low_balance_threshold)
      SELECT id, default_currency, credit_limit, low_balance_threshold FROM customers;

      CREATE OR REPLACE FUNCTION customer_default_limits_sync() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND NEW.default_currency IS DISTINCT FROM OLD.default_currency THEN
          UPDATE customer_currency_limits
             SET credit_limit = 0, low_balance_threshold = NULL, updated_at = now()
           WHERE customer_id = NEW.id AND currency = OLD.default_currency;
        END IF;
        INSERT INTO customer_currency_limits (customer_id, currency, credit_limit, low_balance_threshold)
        VALUES (NEW.id, NEW.default_currency, NEW.credit_limit, NEW.low_balance_threshold)
        ON CONFLICT (customer_id, currency) DO UPDATE
          SET credit_limit = EXCLUDED.credit_limit,
              low_balance_threshold = EXCLUDED.low_balance_threshold, updated_at = now()
          WHERE customer_currency_limits.credit_limit IS DISTINCT FROM EXCLUDED.credit_limit
             OR customer_currency_limits.low_balance_threshold
                IS DISTINCT FROM EXCLUDED.low_balance_threshold;
        RETURN NULL;
      END $$;
      CREATE TRIGGER customers_default_limits AFTER INSERT OR UPDATE OF
        credit_limit, low_balance_threshold, default_currency ON customers
        FOR EACH ROW EXECUTE FUNCTION customer_default_limits_sync();

      DROP FUNCTION IF EXISTS ledger_credit_limit(numeric, text, text);

      DO $$
      DECLARE v_def text;
      BEGIN
        SELECT pg_get_constraintdef(oid) INTO v_def FROM pg_constraint
         WHERE conrelid = 'alerts'::regclass AND conname = 'alerts_subject_type_check';
        IF v_def IS NOT NULL AND v_def NOT LIKE '%customer_currency%' THEN
          ALTER TABLE alerts DROP CONSTRAINT alerts_subject_type_check;
          EXECUTE 'ALTER TABLE alerts ADD CONSTRAINT alerts_subject_type_check '
            || replace(v_def, '''customer''::character varying',
                       '''customer''::character varying, ''customer_currency''::character varying');
        END IF;
      END $$;
    `)
    this.schema.raw(sqlFile('ledger'))
  }

  async down() {
    throw new Error('0240 is not reversible: limits in other currencies would be lost')
  }
}
