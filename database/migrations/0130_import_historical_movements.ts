import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Imports of historical movements (历史核销, 历史退款) and multi-level approval of import jobs.
 *
 * - import_jobs.kind takes 'applications' and 'refunds' (the list is restated here: it is this
 *   table's own CHECK, created by 0050, and no other migration widens it).
 * - An import held for approval keeps the levels of its rule as they were when it was requested
 *   (a later edit of the rule does not change an approval in flight), and the decisions taken so
 *   far, one per level, in order: [{ level, userId, at }].
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
      ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN
        ('customers','projects','installments','opening','receipts','applications','refunds'));
      ALTER TABLE import_jobs
        ADD COLUMN approval_levels jsonb,
        ADD COLUMN approval_decisions jsonb NOT NULL DEFAULT '[]';
    `)
  }

  async down() {
    this.schema.raw(`
      ALTER TABLE import_jobs DROP COLUMN approval_levels, DROP COLUMN approval_decisions;
      ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
      ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN
        ('customers','projects','installments','opening','receipts'));
    `)
  }
}
