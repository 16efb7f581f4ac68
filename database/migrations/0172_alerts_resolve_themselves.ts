import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Why an alert was resolved: by a person (`manual`), by the system because its condition no longer
 * holds (`condition_cleared`: the balance recovered, the installment was paid…), or because a
 * contradicting alert about the same subject replaced it (`superseded`).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE alerts ADD COLUMN resolved_reason varchar(20)
        CHECK (resolved_reason IN ('manual', 'condition_cleared', 'superseded'));
      UPDATE alerts SET resolved_reason = 'manual' WHERE status = 'resolved';
    `)
  }

  async down() {
    this.schema.raw('ALTER TABLE alerts DROP COLUMN IF EXISTS resolved_reason')
  }
}
