import { BaseSchema } from '@adonisjs/lucid/schema'
import { DEFAULT_RULES } from '#modules/alerts/rule_types'

/**
 * Alerts (预警) and the admin-configurable rules that raise them. At most one unresolved alert per
 * rule × subject: the partial unique index makes concurrent evaluations unable to duplicate one.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE alert_rules (
        id bigserial PRIMARY KEY,
        code varchar(60) NOT NULL UNIQUE,
        rule_type varchar(40) NOT NULL,
        name_zh varchar(120) NOT NULL,
        name_en varchar(120) NOT NULL,
        severity varchar(10) NOT NULL CHECK (severity IN ('info','warning','critical')),
        params jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        send_email boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE alerts (
        id bigserial PRIMARY KEY,
        rule_id bigint NOT NULL REFERENCES alert_rules(id),
        rule_type varchar(40) NOT NULL,
        severity varchar(10) NOT NULL CHECK (severity IN ('info','warning','critical')),
        subject_type varchar(20) NOT NULL
          CHECK (subject_type IN ('customer','project','installment','approval','journal')),
        subject_id bigint NOT NULL,
        customer_id bigint REFERENCES customers(id),
        project_id bigint REFERENCES projects(id),
        message_key varchar(60) NOT NULL,
        params jsonb NOT NULL DEFAULT '{}',
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','acknowledged','resolved')),
        as_of date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_at timestamptz,
        acknowledged_by bigint REFERENCES users(id),
        resolved_at timestamptz,
        resolved_by bigint REFERENCES users(id),
        resolution_note text,
        emailed_at timestamptz,
        CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
      );
      CREATE UNIQUE INDEX alerts_one_unresolved ON alerts (rule_id, subject_type, subject_id)
        WHERE status <> 'resolved';
      CREATE INDEX alerts_customer_status ON alerts (customer_id, status, id);
      CREATE INDEX alerts_status ON alerts (status, id);
    `)
    this.defer(async (db) => {
      await db.table('alert_rules').multiInsert(
        DEFAULT_RULES.map((rule) => ({
          code: rule.code,
          rule_type: rule.ruleType,
          name_zh: rule.nameZh,
          name_en: rule.nameEn,
          severity: rule.severity,
          params: JSON.stringify(rule.params),
        }))
      )
    })
  }

  async down() {
    this.schema.raw('DROP TABLE alerts; DROP TABLE alert_rules;')
  }
}
