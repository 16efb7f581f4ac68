import type { ApiClient, ApiResponse } from '@japa/api-client'
import { expectStatus } from '#tests/support/api'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import { route } from '#tests/support/route'

/** A CSV file as Excel saves it (UTF-8 with BOM, CRLF). */
export function csvFile(lines: string[]) {
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n')
}

/** Uploads a file as an import of `kind` (the dry run) and returns the response. */
export function uploadImport(
  client: ApiClient,
  token: string,
  kind: string,
  file: Buffer,
  fields: Record<string, string> = {},
  filename = 'import.csv'
) {
  const request = client
    .post(route('imports.store'))
    .bearerToken(token)
    .file('file', file, { filename })
    .field('kind', kind)
  for (const [name, value] of Object.entries(fields)) request.field(name, value)
  return request
}

/** The rows of an XLSX's first sheet as arrays of cell texts. */
export async function xlsxRows(body: unknown) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(body as any)
  const rows: string[][] = []
  book.worksheets[0].eachRow((row) => {
    const values = row.values as unknown[]
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))))
  })
  return rows
}

/** Ledger rows the tests compare before and after (journals, lines, balances). */
export async function ledgerCounts() {
  const row = await db.rawQuery(`SELECT
      (SELECT count(*) FROM journals)::int AS journals,
      (SELECT count(*) FROM journal_lines)::int AS lines,
      (SELECT coalesce(sum(balance), 0)::text FROM customer_balances) AS balances,
      (SELECT count(*) FROM customers)::int AS customers,
      (SELECT count(*) FROM import_row_keys)::int AS keys`)
  return row.rows[0]
}

/** The body of a response that must have `status`. */
export async function bodyOf(request: PromiseLike<ApiResponse>, status: number) {
  const response = await expectStatus(request, status)
  return response.body()
}
