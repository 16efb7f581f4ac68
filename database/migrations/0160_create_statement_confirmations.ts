import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Statement confirmation (对账确认): each statement delivery that left the company gets one
 * confirmation row, answered by the customer through a signed link (no login). Its life:
 * sent → viewed → confirmed | disputed; a later statement of the same customer and period scope
 * supersedes an unanswered one; finance may reopen an answer (audited) or resolve a dispute.
 *
 * The delivery keeps what the link is bound to: the PDF's SHA-256 (already there), the link's
 * expiry, the statement's figures as sent (snapshot: the page shows what the PDF shows) and the
 * language it was written in. Customers get a statement language and contacts with roles (the
 * finance contacts receive statements; the sales owner is copied).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE report_deliveries
        ADD COLUMN link_expires_at timestamptz,
        ADD COLUMN snapshot jsonb,
        ADD COLUMN locale varchar(8) CHECK (locale IN ('zh-CN','en')),
        ADD COLUMN cc text[] NOT NULL DEFAULT '{}';

      ALTER TABLE customers
        ADD COLUMN statement_locale varchar(8) CHECK (statement_locale IN ('zh-CN','en'));

      CREATE TABLE customer_contacts (
        id bigserial PRIMARY KEY,
        customer_id bigint NOT NULL REFERENCES customers(id),
        name varchar(120) NOT NULL,
        email varchar(254) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('finance','other')),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (customer_id, email)
      );

      CREATE TABLE statement_confirmations (
        delivery_id bigint PRIMARY KEY REFERENCES report_deliveries(id),
        customer_id bigint NOT NULL REFERENCES customers(id),
        period_from date NOT NULL,
        period_to date NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'sent'
          CHECK (status IN ('sent','viewed','confirmed','disputed','superseded')),
        sent_at timestamptz NOT NULL DEFAULT now(),
        viewed_at timestamptz,
        viewed_ip varchar(64),
        viewed_user_agent varchar(500),
        answered_at timestamptz,
        answered_ip varchar(64),
        answered_user_agent varchar(500),
        comment text,
        attachment bytea,
        attachment_type varchar(40),
        attachment_name varchar(200),
        attachment_sha256 char(64),
        alert_id bigint REFERENCES alerts(id),
        superseded_by bigint REFERENCES report_deliveries(id),
        resolved_at timestamptz,
        resolved_by bigint REFERENCES users(id),
        resolution_note text,
        reopened_count integer NOT NULL DEFAULT 0,
        reminded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status IN ('confirmed','disputed')) = (answered_at IS NOT NULL)),
        CHECK (status <> 'disputed' OR comment IS NOT NULL)
      );
      CREATE INDEX statement_confirmations_scope ON statement_confirmations (customer_id, period_from, period_to);
      CREATE INDEX statement_confirmations_unanswered ON statement_confirmations (sent_at)
        WHERE status IN ('sent','viewed') AND reminded_at IS NULL;

      ALTER TABLE alerts DROP CONSTRAINT alerts_subject_type_check;
      ALTER TABLE alerts ADD CONSTRAINT alerts_subject_type_check
        CHECK (subject_type IN ('customer','project','installment','approval','journal','statement'));
      INSERT INTO alert_rules (code, rule_type, name_zh, name_en, severity, params)
      VALUES ('statement_disputed', 'statement_disputed', '对账单有异议', 'Statement disputed', 'warning', '{}');
    `)
  }

  async down() {
    this.schema.raw(`
      DELETE FROM alerts WHERE rule_type = 'statement_disputed';
      DELETE FROM alert_rules WHERE code = 'statement_disputed';
      ALTER TABLE alerts DROP CONSTRAINT alerts_subject_type_check;
      ALTER TABLE alerts ADD CONSTRAINT alerts_subject_type_check
        CHECK (subject_type IN ('customer','project','installment','approval','journal'));
      DROP TABLE statement_confirmations;
      DROP TABLE customer_contacts;
      ALTER TABLE customers DROP COLUMN statement_locale;
      ALTER TABLE report_deliveries DROP COLUMN link_expires_at, DROP COLUMN snapshot,
        DROP COLUMN locale, DROP COLUMN cc;
    `)
  }
}
