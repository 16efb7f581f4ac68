import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { formatAmount } from '#kernel/money/money'
import { plainDateOf } from '#modules/prepayments/public'
import { numberOrNull } from '#kernel/row_values'
import { pageBefore } from '#kernel/table_rows'

export interface BankLineFilters {
  status?: 'unmatched' | 'suggested' | 'matched' | 'ignored' | 'open'
  bankAccountId?: number
  statementId?: number
  from?: string
  to?: string
  beforeId?: number
  limit?: number
}

/** The work queue and its lines' views: newest first, keyset paging (beforeId), no count(*). */
export class BankLineQueries {
  async list(filters: BankLineFilters) {
    const query = db.from('bank_lines as l').select('l.*')
    if (filters.status === 'open') query.whereIn('l.status', ['unmatched', 'suggested'])
    else if (filters.status) query.where('l.status', filters.status)
    if (filters.bankAccountId) query.where('l.bank_account_id', filters.bankAccountId)
    if (filters.statementId) query.where('l.statement_id', filters.statementId)
    if (filters.from) query.where('l.value_date', '>=', filters.from)
    if (filters.to) query.where('l.value_date', '<=', filters.to)
    const { rows, nextBeforeId } = await pageBefore(query, 'l.id', {
      beforeId: filters.beforeId,
      limit: filters.limit ?? 100,
    })
    return { data: await this.views(rows), nextBeforeId }
  }

  async find(id: number) {
    const rows = await db.from('bank_lines').where('id', id)
    const [view] = await this.views(rows)
    return view ?? null
  }

  private async views(rows: any[]) {
    const ids = rows.map((row) => row.id)
    const suggestions = ids.length
      ? await db
          .from('bank_match_suggestions as s')
          .join('customers as c', 'c.id', 's.customer_id')
          .whereIn('s.bank_line_id', ids)
          .orderBy([{ column: 's.confidence', order: 'desc' }, { column: 's.id' }])
          .select('s.*', 'c.code as customer_code', 'c.name as customer_name')
      : []
    const matches = ids.length
      ? await db
          .from('bank_line_matches as m')
          .join('journals as j', 'j.id', 'm.journal_id')
          .whereIn('m.bank_line_id', ids)
          .orderBy('m.id')
          .select(
            'm.*',
            'j.journal_no',
            // a link to a reversed receipt proves nothing any more (the line went back to the queue)
            db.raw(
              'EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = m.journal_id) AS reversed'
            )
          )
      : []
    return rows.map((row) => ({
      id: Number(row.id),
      bankAccountId: Number(row.bank_account_id),
      statementId: Number(row.statement_id),
      valueDate: plainDateOf(row.value_date),
      bookedAt: row.booked_at,
      direction: row.direction,
      amount: formatAmount(row.amount, row.currency),
      currency: row.currency,
      bankReference: row.bank_reference,
      counterpartyName: row.counterparty_name,
      counterpartyAccount: row.counterparty_account,
      memo: row.memo,
      status: row.status,
      statusNote: row.status_note,
      suggestions: suggestions
        .filter((s: any) => s.bank_line_id === row.id)
        .map((s: any) => ({
          id: Number(s.id),
          customerId: Number(s.customer_id),
          customerCode: s.customer_code,
          customerName: s.customer_name,
          projectId: numberOrNull(s.project_id),
          journalId: numberOrNull(s.journal_id),
          reason: s.reason,
          confidence: new Decimal(s.confidence).toFixed(3),
        })),
      matches: matches
        .filter((m: any) => m.bank_line_id === row.id)
        .map((m: any) => ({
          journalId: Number(m.journal_id),
          journalNo: m.journal_no,
          customerId: Number(m.customer_id),
          amount: formatAmount(m.amount, row.currency),
          method: m.method,
          reason: m.reason,
          confidence: m.confidence === null ? null : new Decimal(m.confidence).toFixed(3),
          reversed: m.reversed,
        })),
    }))
  }
}
