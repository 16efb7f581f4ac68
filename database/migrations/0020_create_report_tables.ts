import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Report schedules, their runs and one delivery row per (run, customer). Exactly-once delivery comes
 * from UNIQUE(run_id, recipient_key) plus a row claim (status 'sending', claimed_by, claimed_at) that
 * a crashed worker's successor may take over once the claim is stale. A delivery marked 'sent' is
 * never claimed again by a run; only an explicit, audited resend sends it once more.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE report_schedules (
        id bigserial PRIMARY KEY,
        name varchar(120) NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('statements','exec_pack')),
        cron varchar(120) NOT NULL,
        timezone varchar(64) NOT NULL DEFAULT 'Asia/Shanghai',
        period_rule varchar(16) NOT NULL CHECK (period_rule IN ('previous_month','previous_week','previous_quarter')),
        locale varchar(8) NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN','en')),
        -- statements: NULL = every active customer with a contact email, else the selected ids
        customer_ids bigint[],
        -- exec_pack: the executives' addresses
        recipients text[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        last_fired_at timestamptz,
        created_by bigint REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE report_runs (
        id bigserial PRIMARY KEY,
        schedule_id bigint REFERENCES report_schedules(id),
        kind varchar(16) NOT NULL CHECK (kind IN ('statements','exec_pack')),
        locale varchar(8) NOT NULL DEFAULT 'zh-CN',
        period_from date NOT NULL,
        period_to date NOT NULL,
        -- the cron instant this run answers (NULL for manual runs); one run per instant
        scheduled_for timestamptz,
        triggered_by varchar(16) NOT NULL DEFAULT 'schedule' CHECK (triggered_by IN ('schedule','manual')),
        status varchar(16) NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        UNIQUE (schedule_id, scheduled_for)
      );

      CREATE TABLE report_deliveries (
        id bigserial PRIMARY KEY,
        run_id bigint NOT NULL REFERENCES report_runs(id),
        customer_id bigint REFERENCES customers(id),
        -- 'customer:<id>' for statements, 'exec' for the executive pack
        recipient_key varchar(64) NOT NULL,
        recipients text[] NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','sending','sent','failed','skipped')),
        attempts integer NOT NULL DEFAULT 0,
        error text,
        claimed_by varchar(120),
        claimed_at timestamptz,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        pdf bytea,
        pdf_sha256 char(64),
        file_name varchar(200),
        ledger_position bigint,
        message_id varchar(250),
        sent_at timestamptz,
        send_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, recipient_key),
        CHECK (status <> 'sent' OR (pdf IS NOT NULL AND pdf_sha256 IS NOT NULL))
      );
      CREATE INDEX report_deliveries_claimable ON report_deliveries (run_id, status, next_attempt_at);
      CREATE INDEX report_deliveries_customer ON report_deliveries (customer_id, created_at);
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE report_deliveries;
      DROP TABLE report_runs;
      DROP TABLE report_schedules;
    `)
  }
}
