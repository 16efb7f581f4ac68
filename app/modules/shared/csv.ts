/**
 * CSV as finance staff open it: RFC 4180 quoting, CRLF line ends and a UTF-8 BOM so Excel shows
 * Chinese names correctly. Objects become JSON in one cell.
 */
export interface CsvOptions {
  /**
   * Prefix cells starting with = + - @ with ' so a spreadsheet does not evaluate them (text exports
   * such as the panel's audit log; not for amounts, where a leading minus is the value).
   */
  neutraliseFormulas?: boolean
}

export function csvCell(value: unknown, options: CsvOptions = {}): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value)
  const safe = options.neutraliseFormulas && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function csvDocument(
  header: readonly string[],
  rows: unknown[][],
  options: CsvOptions = {}
) {
  const lines = [
    header.join(','),
    ...rows.map((row) => row.map((v) => csvCell(v, options)).join(',')),
  ]
  return `\uFEFF${lines.join('\r\n')}\r\n`
}
