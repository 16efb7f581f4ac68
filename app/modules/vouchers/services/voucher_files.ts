import { csvDocument } from '#kernel/csv'
import { addSheetRow, amountCell } from '#kernel/spreadsheet'
import type { Layout } from '#modules/vouchers/voucher_layouts'

/**
 * The export's bytes, through the shared spreadsheet encoder: text cells neutralised (a 摘要 or a
 * customer name starting with = is not evaluated), amount columns typed as exact numbers (a
 * negative amount stays a value). CSV is UTF-8 with BOM.
 */
export function voucherCsv(layout: Layout, rows: Array<Array<string | number | null>>): Buffer {
  const headers = layout.columns.map((column) => column.header)
  return Buffer.from(csvDocument(headers, typedRows(layout, rows)), 'utf8')
}

export async function voucherXlsx(
  layout: Layout,
  rows: Array<Array<string | number | null>>
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('凭证')
  addSheetRow(
    sheet,
    layout.columns.map((column) => column.header)
  )
  const typed = typedRows(layout, rows)
  rows.forEach((row, r) => {
    const added = addSheetRow(
      sheet,
      typed[r],
      layout.columns.map((column, i) =>
        column.amount ? decimalsFormat(String(row[i] ?? '')) : undefined
      )
    )
    layout.columns.forEach((column, i) => {
      if (!column.amount && typeof row[i] === 'string') added.getCell(i + 1).numFmt = '@'
    })
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Amount columns as typed amount cells; everything else stays as given (text is neutralised). */
function typedRows(layout: Layout, rows: Array<Array<string | number | null>>): unknown[][] {
  return rows.map((row) =>
    row.map((value, i) =>
      layout.columns[i].amount && value !== null && value !== '' ? amountCell(String(value)) : value
    )
  )
}

/** Shows an amount with the decimals it was written with (its currency's). */
function decimalsFormat(amount: string): string {
  const decimals = amount.split('.')[1]?.length ?? 0
  return decimals ? `0.${'0'.repeat(decimals)}` : '0'
}
