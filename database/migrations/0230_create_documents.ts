import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Documents as records (issue 19, "Invoices and application"): an invoice, order or delivery note
 * of a customer, its number unique per customer, with the amount still open. Applications link to
 * the document their number names (document_applications); a partial un-apply (反核销) is a new
 * journal kind, 'unapplication', with its row in application_reversals. The rules (never beyond the
 * open amount, never beyond what is applied) are database/sql/documents.sql, loaded here.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE documents (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        project_id bigint REFERENCES projects(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('invoice','order','delivery')),
        number varchar(80) NOT NULL,
        currency char(3) NOT NULL REFERENCES currencies(code),
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        open_amount numeric(20,4) NOT NULL,
        document_date date NOT NULL,
        due_date date,
        memo text,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','cancelled')),
        cancel_reason text,
        created_by bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_id, number),
        -- never applied beyond its amount, never given back beyond it
        CONSTRAINT documents_open_within_amount CHECK (open_amount >= 0 AND open_amount <= amount),
        -- cancelled only while nothing is applied
        CHECK (status <> 'cancelled' OR open_amount = amount)
      );
      CREATE INDEX documents_customer_open ON documents (customer_id, currency, document_date, id)
        WHERE status = 'open' AND open_amount > 0;

      CREATE TABLE document_applications (
        journal_id bigint PRIMARY KEY REFERENCES journals(id),
        document_id bigint NOT NULL REFERENCES documents(id),
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX document_applications_document ON document_applications (document_id);

      CREATE TABLE application_reversals (
        journal_id bigint PRIMARY KEY REFERENCES journals(id),
        application_journal_id bigint NOT NULL REFERENCES journals(id),
        document_id bigint REFERENCES documents(id),
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX application_reversals_application ON application_reversals (application_journal_id);

      CREATE TRIGGER document_applications_immutable BEFORE UPDATE OR DELETE ON document_applications
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
      CREATE TRIGGER application_reversals_immutable BEFORE UPDATE OR DELETE ON application_reversals
        FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

      -- 反核销: a journal kind (grows the balance back) and an approvable action
      ALTER TABLE journals DROP CONSTRAINT IF EXISTS journals_kind_check;
      ALTER TABLE journals ADD CONSTRAINT journals_kind_check CHECK (kind IN
        ('receipt','application','refund','adjustment','reversal','opening','unapplication'));
      ALTER TABLE journals ADD CONSTRAINT journals_unapplication_document CHECK (
        kind <> 'unapplication' OR (document_type IS NOT NULL AND document_no IS NOT NULL
                                    AND reason IS NOT NULL));
      INSERT INTO movement_kinds (kind, name_zh, name_en, may_use_credit, may_use_unconfirmed)
        VALUES ('unapplication', '反核销', 'un-application', true, true) ON CONFLICT DO NOTHING;
      ALTER TABLE approval_rules DROP CONSTRAINT IF EXISTS approval_rules_action_type_check;
      ALTER TABLE approval_rules ADD CONSTRAINT approval_rules_action_type_check CHECK (action_type IN
        ('refund','adjustment','reversal','application','credit_limit_change',
         'customer_deactivation','opening_import','unapplication'));
      INSERT INTO approval_rules (name, action_type, levels)
        VALUES ('反核销审批', 'unapplication', '[{"role":"finance_manager"}]');
    `)
    this.schema.raw(sqlFile('documents'))
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS journals_documents ON journals;
      DROP TRIGGER IF EXISTS journals_unapplication_linked ON journals;
      DROP TABLE application_reversals, document_applications, documents;
      DELETE FROM approval_rules WHERE action_type = 'unapplication';
      DROP FUNCTION IF EXISTS document_link_application, document_reverse_application,
        documents_on_journal, application_reversal_check, unapplication_linked;
    `)
  }
}
