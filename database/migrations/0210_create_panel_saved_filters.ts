import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Saved filters of the panel's lists (已保存的筛选), per user and list: a name and the list's query
 * string (filters.*, sortBy, direction), applied again with one click.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE panel_saved_filters (
        id bigserial PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id),
        resource_id varchar(60) NOT NULL,
        name varchar(80) NOT NULL CHECK (length(trim(name)) > 0),
        query text NOT NULL CHECK (length(query) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, resource_id, name)
      );
    `)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS panel_saved_filters')
  }
}
