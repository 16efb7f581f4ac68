import db from '@adonisjs/lucid/services/db'

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
  const limit = filters.limit ?? 200
  const query = db.from('bank_statements').orderBy('id', 'desc').limit(limit)
  if (filters.bankAccountId) query.where('bank_account_id', filters.bankAccountId)
  if (filters.beforeId) query.where('id', '<', filters.beforeId)
  const rows = await query
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
    nextBeforeId: rows.length === limit ? Number(rows[rows.length - 1].id) : null,
  }
}
