import { BaseSchema } from '@adonisjs/lucid/schema'

/** The alert rules every installation starts with, as of this migration. */
const DEFAULT_RULES = [
  {
    code: 'low_balance',
    rule_type: 'low_balance',
    name_zh: '余额不足',
    name_en: 'Low balance',
    severity: 'warning',
    params: { contractPercent: null },
  },
  {
    code: 'abnormal_receipt',
    rule_type: 'abnormal_movement',
    name_zh: '异常到账',
    name_en: 'Abnormal receipt',
    severity: 'warning',
    params: { kind: 'receipt', multiple: '5', absoluteAmount: '1000000', minHistory: 3 },
  },
  {
    code: 'abnormal_application',
    rule_type: 'abnormal_movement',
    name_zh: '异常核销',
    name_en: 'Abnormal application',
    severity: 'warning',
    params: { kind: 'application', multiple: '5', absoluteAmount: '1000000', minHistory: 3 },
  },
  {
    code: 'duplicate_receipt',
    rule_type: 'duplicate_receipt',
    name_zh: '疑似重复登记',
    name_en: 'Duplicate-looking receipt',
    severity: 'warning',
    params: {},
  },
  {
    code: 'installment_over_payment',
    rule_type: 'installment_over_payment',
    name_zh: '分期多付',
    name_en: 'Installment over-payment',
    severity: 'info',
    params: {},
  },
  {
    code: 'installment_under_payment',
    rule_type: 'installment_under_payment',
    name_zh: '分期少付',
    name_en: 'Installment under-payment',
    severity: 'warning',
    params: {},
  },
  {
    code: 'installment_non_payment',
    rule_type: 'installment_non_payment',
    name_zh: '分期未付',
    name_en: 'Installment not paid',
    severity: 'critical',
    params: { days: 30 },
  },
  {
    code: 'installment_due_soon',
    rule_type: 'installment_due_soon',
    name_zh: '分期即将到期',
    name_en: 'Installment due soon',
    severity: 'info',
    params: { days: 3 },
  },
  {
    code: 'installment_overdue',
    rule_type: 'installment_overdue',
    name_zh: '分期逾期',
    name_en: 'Installment overdue',
    severity: 'warning',
    params: {},
  },
  {
    code: 'stale_advance',
    rule_type: 'stale_advance',
    name_zh: '预收款长期未核销',
    name_en: 'Stale unapplied advance',
    severity: 'info',
    params: { days: 90 },
  },
  {
    code: 'approval_pending',
    rule_type: 'approval_pending',
    name_zh: '审批超时',
    name_en: 'Approval pending too long',
    severity: 'warning',
    params: { hours: 24 },
  },
  {
    code: 'overdraw_attempt',
    rule_type: 'overdraw_attempt',
    name_zh: '超额支取 / 超信用额度',
    name_en: 'Overdraw or credit-limit breach attempt',
    severity: 'critical',
    params: {},
  },
]

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
      await db
        .table('alert_rules')
        .multiInsert(
          DEFAULT_RULES.map((rule) => ({ ...rule, params: JSON.stringify(rule.params) }))
        )
    })
  }

  async down() {
    this.schema.raw('DROP TABLE alerts; DROP TABLE alert_rules;')
  }
}
