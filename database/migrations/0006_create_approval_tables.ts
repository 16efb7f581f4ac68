import { BaseSchema } from '@adonisjs/lucid/schema'

/** The approval rules every installation starts with, as of this migration. */
const DEFAULT_APPROVAL_RULES = [
  {
    name: '退款审批',
    action_type: 'refund',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '大额退款两级审批 (≥ ¥100,000)',
    action_type: 'refund',
    min_base_amount: '100000',
    levels: [{ role: 'finance_manager' }, { role: 'admin' }],
  },
  {
    name: '调整审批',
    action_type: 'adjustment',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '红冲审批',
    action_type: 'reversal',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '大额核销审批 (≥ ¥500,000)',
    action_type: 'application',
    min_base_amount: '500000',
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '信用额度变更审批',
    action_type: 'credit_limit_change',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
  {
    name: '客户停用审批',
    action_type: 'customer_deactivation',
    min_base_amount: null,
    levels: [{ role: 'finance_manager' }],
  },
]

/**
 * Multi-level approvals (审批流). A request snapshots the levels of the rule that matched, so a later
 * rule change never alters a request in flight. Decisions are append-only rows, one per level.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE approval_rules (
        id bigserial PRIMARY KEY,
        name varchar(120) NOT NULL,
        action_type varchar(32) NOT NULL CHECK (action_type IN
          ('refund','adjustment','reversal','application','credit_limit_change','customer_deactivation')),
        min_base_amount numeric(20,4) CHECK (min_base_amount >= 0),
        currency char(3) REFERENCES currencies(code),
        department varchar(80),
        project_id bigint REFERENCES projects(id),
        levels jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array' AND jsonb_array_length(levels) > 0),
        is_active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE approval_requests (
        id bigserial PRIMARY KEY,
        action_type varchar(32) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','approved','rejected','cancelled','expired')),
        rule_id bigint REFERENCES approval_rules(id),
        levels jsonb NOT NULL,
        current_level smallint NOT NULL DEFAULT 1,
        customer_id bigint NOT NULL REFERENCES customers(id),
        project_id bigint REFERENCES projects(id),
        currency char(3) REFERENCES currencies(code),
        amount numeric(20,4),
        base_amount numeric(20,4),
        -- what is held on customer_balances.pending while the request is open
        reserved numeric(20,4) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        payload jsonb NOT NULL,
        journal_id bigint REFERENCES journals(id),
        requested_by bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        decided_at timestamptz,
        comment text
      );
      CREATE INDEX approval_requests_status ON approval_requests (status, created_at);
      CREATE INDEX approval_requests_customer ON approval_requests (customer_id, status);

      CREATE TABLE approval_decisions (
        id bigserial PRIMARY KEY,
        request_id bigint NOT NULL REFERENCES approval_requests(id),
        level smallint NOT NULL,
        decision varchar(16) NOT NULL CHECK (decision IN ('approve','reject')),
        decided_by bigint NOT NULL REFERENCES users(id),
        comment text,
        decided_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (request_id, level),
        -- maker-checker across levels: one person decides at most one level of a request
        UNIQUE (request_id, decided_by)
      );
    `)
    this.defer(async (db) => {
      await db
        .table('approval_rules')
        .multiInsert(
          DEFAULT_APPROVAL_RULES.map((rule) => ({ ...rule, levels: JSON.stringify(rule.levels) }))
        )
    })
  }

  async down() {
    this.schema.raw('DROP TABLE approval_decisions, approval_requests, approval_rules')
  }
}
