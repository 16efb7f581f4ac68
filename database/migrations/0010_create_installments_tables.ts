import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Installment plans (分批预付款 / 付款计划): the advances a project/contract expects, with due dates.
 * What has been paid against each installment is derived from the ledger's receipts (oldest-due
 * first), except receipts a user matched to one installment explicitly.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE installments (
        id bigserial PRIMARY KEY,
        project_id bigint NOT NULL REFERENCES projects(id),
        customer_id bigint NOT NULL REFERENCES customers(id),
        seq smallint NOT NULL CHECK (seq > 0),
        label varchar(120),
        due_date date NOT NULL,
        currency char(3) NOT NULL REFERENCES currencies(code),
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT installments_project_seq UNIQUE (project_id, seq) DEFERRABLE INITIALLY DEFERRED
      );
      CREATE INDEX installments_customer ON installments (customer_id);
      CREATE INDEX installments_due_date ON installments (due_date);

      CREATE TABLE installment_receipt_matches (
        journal_id bigint PRIMARY KEY REFERENCES journals(id),
        installment_id bigint NOT NULL REFERENCES installments(id) ON DELETE CASCADE,
        matched_by bigint REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX installment_receipt_matches_installment ON installment_receipt_matches (installment_id);
    `)
  }

  async down() {
    this.schema.raw('DROP TABLE installment_receipt_matches; DROP TABLE installments;')
  }
}
