import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An idempotent replay answers with the very bytes of the first response. jsonb normalises what it
 * stores (key order, whitespace, duplicate keys), so the response is kept as its raw text; rows
 * written before keep their jsonb and are replayed from it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE idempotency_keys ADD COLUMN response_text text')
  }

  async down() {
    this.schema.raw('ALTER TABLE idempotency_keys DROP COLUMN response_text')
  }
}
