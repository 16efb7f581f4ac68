import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 核销建议 as the panel lists them (oldest first): each open document of a customer with what the
 * customer's available advance (balance − pending, no credit) still covers after the older ones —
 * the same greedy rule as SuggestionService's `oldest` order (docs/domain.md).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE VIEW application_suggestions AS
      WITH open_documents AS (
        SELECT d.id, d.customer_id, d.project_id, d.kind, d.number, d.currency, d.document_date,
               d.open_amount, greatest(b.balance - b.pending, 0) AS available,
               coalesce(sum(d.open_amount) OVER (
                 PARTITION BY d.customer_id, d.currency ORDER BY d.document_date, d.id
                 ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS older_open
          FROM documents d
          JOIN customer_balances b ON b.customer_id = d.customer_id AND b.currency = d.currency
         WHERE d.status = 'open' AND d.open_amount > 0
      )
      SELECT id, customer_id, project_id, kind, number, currency, document_date, open_amount,
             available, least(open_amount, available - older_open) AS suggested_amount
        FROM open_documents
       WHERE available - older_open > 0;
    `)
  }

  async down() {
    this.schema.raw('DROP VIEW application_suggestions')
  }
}
