import { Decimal } from 'decimal.js'
import type { Row, Worksheet } from 'exceljs'

/**
 * The one encoder for every cell the product writes to a CSV or XLSX file (reports, audit exports,
 * import error files, voucher exports). A cell is TEXT unless it is typed as a number:
 *
 * - text that a spreadsheet would read as a formula or a command (starting with = + - @, tab, CR,
 *   LF, or their full-width forms, which Excel in Chinese and Japanese locales also accepts) is
 *   prefixed with ' — always, whatever the column: names, memos, user agents are attacker-chosen;
 * - an amount is a value, not text: `amountCell('-12.50')` stays -12.50 (a real number in XLSX),
 *   never prefixed; JavaScript numbers, bigints and Decimals are numbers too.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/
const DECIMAL = /^-?\d+(\.\d+)?$/

/** A decimal amount as a typed cell (a number in the spreadsheet, written from its exact string). */
export class AmountCell {
  readonly value: string
  constructor(value: string | Decimal) {
    const text = typeof value === 'string' ? value : value.toFixed()
    if (!DECIMAL.test(text)) throw new TypeError(`not a decimal amount: ${text}`)
    this.value = text
  }
}

export const amountCell = (value: string | Decimal) => new AmountCell(value)

/** Text made safe to open in a spreadsheet: a leading formula character is prefixed with '. */
export function spreadsheetText(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** What a cell holds once typed: a number (exact decimal string) or neutralised text. */
export type EncodedCell = { kind: 'number'; value: string } | { kind: 'text'; value: string }

export function encodeCell(value: unknown): EncodedCell {
  if (value instanceof AmountCell) return { kind: 'number', value: value.value }
  if (value instanceof Decimal) return { kind: 'number', value: value.toFixed() }
  if (typeof value === 'bigint') return { kind: 'number', value: value.toString() }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return { kind: 'number', value: String(value) }
  }
  if (value instanceof Date) return { kind: 'text', value: value.toISOString() }
  return { kind: 'text', value: spreadsheetText(value) }
}

/**
 * Appends a row to an exceljs worksheet through the encoder: text cells neutralised, numbers as
 * numeric cells when the number's shortest form is exactly the amount (every ledger amount, at most
 * 15 significant digits), otherwise the exact decimal string. Optional number formats per column.
 */
export function addSheetRow(
  sheet: Worksheet,
  cells: unknown[],
  numberFormats: Array<string | undefined> = []
): Row {
  const row = sheet.addRow(cells.map((cell) => sheetValue(encodeCell(cell))))
  cells.forEach((_cell, i) => {
    const format = numberFormats[i]
    if (format && typeof row.getCell(i + 1).value === 'number') row.getCell(i + 1).numFmt = format
  })
  return row
}

function sheetValue(cell: EncodedCell): string | number {
  if (cell.kind === 'text') return cell.value
  const number = Number(cell.value)
  return new Decimal(String(number)).eq(cell.value) ? number : cell.value
}
