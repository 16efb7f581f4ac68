import { BaseSchema } from '@adonisjs/lucid/schema'

/** Back-office list filters on big tables: the audit log by action, newest first. */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE INDEX audit_logs_action ON audit_logs (action, id)')
  }

  async down() {
    this.schema.raw('DROP INDEX audit_logs_action')
  }
}
