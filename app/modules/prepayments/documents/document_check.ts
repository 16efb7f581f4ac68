import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'

/** What a document still has open: its amount less its live applications (SQL, grouped by d.id). */
const COMPUTED_OPEN = `d.amount - coalesce(sum(a.amount - coalesce(
             (SELECT sum(r.amount) FROM application_reversals r
               WHERE r.application_journal_id = a.journal_id), 0))
             FILTER (WHERE NOT EXISTS (SELECT 1 FROM journals x
                                        WHERE x.reverses_journal_id = a.journal_id)), 0)`

/** Documents the journals of the lines after a line id touched (applied, 红冲, 反核销). */
const TOUCHED = `d.id IN (
    SELECT a.document_id FROM document_applications a
     WHERE a.journal_id IN (SELECT journal_id FROM journal_lines WHERE id > :from)
    UNION
    SELECT a.document_id FROM document_applications a JOIN journals x ON x.reverses_journal_id = a.journal_id
     WHERE x.id IN (SELECT journal_id FROM journal_lines WHERE id > :from)
    UNION
    SELECT a.document_id FROM application_reversals r
      JOIN document_applications a ON a.journal_id = r.application_journal_id
     WHERE r.journal_id IN (SELECT journal_id FROM journal_lines WHERE id > :from))`

/**
 * For `ledger:check`: documents whose open amount is not their amount less what their live
 * applications still apply (applications reversed by 红冲 give back all; 反核销 gives back its part).
 * With `sinceLineId` (the incremental check) only the documents touched by later lines.
 */
export async function documentsOutOfLine(
  client: QueryClientContract = db.connection(),
  sinceLineId?: number
) {
  const result = await client.rawQuery(
    `SELECT d.id, d.number, d.open_amount AS recorded, ${COMPUTED_OPEN} AS computed
       FROM documents d LEFT JOIN document_applications a ON a.document_id = d.id
      WHERE ${sinceLineId === undefined ? 'true' : TOUCHED}
      GROUP BY d.id
     HAVING d.open_amount <> ${COMPUTED_OPEN}`,
    sinceLineId === undefined ? {} : { from: sinceLineId }
  )
  return result.rows as Array<{ id: number; number: string; recorded: string; computed: string }>
}
