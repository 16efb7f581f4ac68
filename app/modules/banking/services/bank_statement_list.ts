import db from '@adonisjs/lucid/services/db'
import { pageBefore } from '#kernel/table_rows'

export interface BankStatementFilters {
  bankAccountId?: number
  /** older than this statement: the next page of a list read newest first */
  beforeId?: number
  limit?: number
}

/**
 * GET /bank-statements: the imported files, newest first, a page at a time like the bank lines
 * (`nextBeforeId` continues the list; null: nothing older).
 */
export async function listBankStatements(filters: BankStatementFilters) {
  const query = db.from('bank_statements')
  if (filters.bankAccountId) query.where('bank_account_id', filters.bankAccountId)
  const { rows, nextBeforeId } = await pageBefore(query, 'id', {
    beforeId: filters.beforeId,
    limit: filters.limit ?? 200,
  })
  return {
    data: rows.map((row) => ({
      id: Number(row.id),
      bankAccountId: Number(row.bank_account_id),
      fileName: row.file_name,
      sha256: row.file_sha256,
      profile: row.profile,
      lineCount: row.line_count,
      newLineCount: row.new_line_count,
      importedBy: Number(row.imported_by),
      createdAt: row.created_at,
    })),
    nextBeforeId,
  }
}
