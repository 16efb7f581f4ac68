import { csvDocument } from '#modules/shared/csv'
import { Money } from '#modules/prepayments/money/money'
import type { Layout } from '#modules/vouchers/voucher_layouts'

/**
 * The export's bytes. CSV through the shared encoder (UTF-8 with BOM, formulas neutralised in
 * text cells: a 摘要 or a customer name starting with = is not evaluated). XLSX with exceljs:
 * text cells are plain strings (never formulas), amounts exact numeric cells.
 * TODO(lead, merge): move the XLSX part onto the shared spreadsheet encoder once it has one.
 */
export function voucherCsv(layout: Layout, rows: Array<Array<string | number | null>>): Buffer {
  const headers = layout.columns.map((column) => column.header)
  return Buffer.from(csvDocument(headers, rows, { neutraliseFormulas: true }), 'utf8')
}

export async function voucherXlsx(
  layout: Layout,
  rows: Array<Array<string | number | null>>
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('凭证')
  sheet.addRow(layout.columns.map((column) => column.header))
  for (const row of rows) {
    const added = sheet.addRow(
      row.map((value, i) =>
        layout.columns[i].amount && value !== null ? exactCell(String(value)) : value
      )
    )
    layout.columns.forEach((column, i) => {
      if (column.amount) added.getCell(i + 1).numFmt = decimalsFormat(String(row[i] ?? ''))
      else if (typeof row[i] === 'string') added.getCell(i + 1).numFmt = '@'
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** A numeric cell only when the number's shortest form is exactly the amount, else the string. */
function exactCell(amount: string): number | string {
  const cell = Number(amount)
  return new Money(String(cell)).eq(amount) ? cell : amount
}

/** Shows an amount with the decimals it was written with (its currency's). */
function decimalsFormat(amount: string): string {
  const decimals = amount.split('.')[1]?.length ?? 0
  return decimals ? `0.${'0'.repeat(decimals)}` : '0'
}
