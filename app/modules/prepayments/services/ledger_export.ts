import { Readable } from 'node:stream'
import { csvCell } from '#kernel/csv'
import { amountCell } from '#kernel/spreadsheet'
import { LedgerQueries, type LedgerQuery } from '#modules/prepayments/services/ledger_queries'
import { decodeCursor } from '#modules/prepayments/services/ledger_positions'

const COLUMNS = [
  'entryDate',
  'journalNo',
  'kind',
  'projectId',
  'channel',
  'bankReference',
  'documentType',
  'documentNo',
  'reason',
  'memo',
  'debit',
  'credit',
  'runningBalance',
] as const
const AMOUNTS = new Set<string>(['debit', 'credit', 'runningBalance'])
const BATCH = 5000

const csvLine = (cells: unknown[]) => `${cells.map((cell) => csvCell(cell)).join(',')}\r\n`

/**
 * A customer's whole ledger (of a period) as CSV, streamed: read in keyset pages of BATCH lines,
 * each page's running balance carried from the lines before it, so memory stays one page whatever
 * the history (issue 20: a year of the largest customer was 41 MB of JSON built in memory).
 */
export function ledgerCsvStream(query: LedgerQuery, queries = new LedgerQueries()): Readable {
  async function* lines() {
    yield `\uFEFF${csvLine([...COLUMNS])}`
    let after = query.after
    do {
      const page = await queries.ledger({ ...query, limit: BATCH, after })
      yield page.lines
        .map((line: Record<string, unknown>) =>
          csvLine(COLUMNS.map((c) => (AMOUNTS.has(c) ? amountCell(line[c] as string) : line[c])))
        )
        .join('')
      after = page.nextCursor ? (decodeCursor(page.nextCursor) ?? undefined) : undefined
    } while (after)
  }
  return Readable.from(lines())
}
