import { BaseSchema } from '@adonisjs/lucid/schema'

/** import_jobs.kind takes 'documents' (issue 19); the list is this table's own CHECK (0050, 0130). */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
      ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN
        ('customers','projects','installments','opening','receipts','applications','refunds',
         'documents'));
    `)
  }

  async down() {
    this.schema.raw(`
      ALTER TABLE import_jobs DROP CONSTRAINT import_jobs_kind_check;
      ALTER TABLE import_jobs ADD CONSTRAINT import_jobs_kind_check CHECK (kind IN
        ('customers','projects','installments','opening','receipts','applications','refunds'));
    `)
  }
}
