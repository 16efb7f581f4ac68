import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 备份记录: every backup written (by `backup:create` or the daily job), with what its manifest
 * says, so admins see in the panel what exists and what retention removed. The files themselves
 * live in the backup directory; a pruned backup keeps its row with `pruned_at`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE backups (
        id bigserial PRIMARY KEY,
        file_name varchar(200) NOT NULL UNIQUE,
        directory text NOT NULL,
        format varchar(10) NOT NULL CHECK (format IN ('pg_dump', 'copy')),
        trigger varchar(10) NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
        bytes bigint NOT NULL,
        sha256 char(64) NOT NULL,
        journal_position bigint NOT NULL,
        audit_position bigint NOT NULL,
        schema_last varchar(200),
        taken_at timestamptz NOT NULL,
        created_by bigint REFERENCES users(id),
        pruned_at timestamptz
      );
      CREATE INDEX backups_taken_at ON backups (taken_at DESC);
    `)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS backups')
  }
}
