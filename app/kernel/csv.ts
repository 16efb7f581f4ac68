import { encodeCell } from '#kernel/spreadsheet'

/**
 * CSV as finance staff open it: RFC 4180 quoting, CRLF line ends and a UTF-8 BOM so Excel shows
 * Chinese names correctly. Every cell goes through the spreadsheet encoder (spreadsheet.ts): text
 * is neutralised against formula injection, amounts typed with `amountCell` stay values.
 */
export interface CsvOptions {
  /** @deprecated formulas are always neutralised in text cells; kept so older callers compile */
  neutraliseFormulas?: boolean
}

export function csvCell(value: unknown, _options: CsvOptions = {}): string {
  const { value: text } = encodeCell(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvDocument(
  header: readonly unknown[],
  rows: unknown[][],
  _options: CsvOptions = {}
) {
  const lines = [header, ...rows].map((row) => row.map((v) => csvCell(v)).join(','))
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
