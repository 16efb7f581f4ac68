import db from '@adonisjs/lucid/services/db'

/**
 * For `ledger:check`: documents whose open amount is not their amount less what their live
 * applications still apply (applications reversed by 红冲 give back all; 反核销 gives back its part).
 */
export async function documentsOutOfLine() {
  const result = await db.rawQuery(`
    SELECT d.id, d.number, d.open_amount AS recorded,
           d.amount - coalesce(sum(a.amount - coalesce(
             (SELECT sum(r.amount) FROM application_reversals r
               WHERE r.application_journal_id = a.journal_id), 0))
             FILTER (WHERE NOT EXISTS (SELECT 1 FROM journals x
                                        WHERE x.reverses_journal_id = a.journal_id)), 0) AS computed
      FROM documents d LEFT JOIN document_applications a ON a.document_id = d.id
     GROUP BY d.id
    HAVING d.open_amount <> d.amount - coalesce(sum(a.amount - coalesce(
             (SELECT sum(r.amount) FROM application_reversals r
               WHERE r.application_journal_id = a.journal_id), 0))
             FILTER (WHERE NOT EXISTS (SELECT 1 FROM journals x
                                        WHERE x.reverses_journal_id = a.journal_id)), 0)`)
  return result.rows as Array<{ id: number; number: string; recorded: string; computed: string }>
}
