import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * When the attempt that sent a delivery began (its claim): `sent_at − started_at` is the time one
 * statement took (build, render, send), which the month-end bench reports as p50/p95. `claimed_at`
 * cannot say it: the worker renews it just before sending, as proof it still holds the claim.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE report_deliveries ADD COLUMN started_at timestamptz')
  }

  async down() {
    this.schema.raw('ALTER TABLE report_deliveries DROP COLUMN started_at')
  }
}
