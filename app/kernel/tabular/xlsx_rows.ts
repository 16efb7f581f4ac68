import type { Readable } from 'node:stream'
import { streamingWorkbookReader } from './exceljs_reader.js'

type CellValue = unknown

function pad(n: number, width = 2) {
  return String(n).padStart(width, '0')
}

/**
 * A cell as text. Numbers become their shortest decimal form (`String`, never `toFixed`): Excel
 * stores them as doubles, and this gives back the digits the user typed (up to 15 significant).
 * Dates (exceljs builds them as UTC from the serial number) become `YYYY-MM-DD[ HH:mm:ss]`.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
    const h = value.getUTCHours()
    const m = value.getUTCMinutes()
    const s = value.getUTCSeconds()
    return h || m || s ? `${date} ${pad(h)}:${pad(m)}:${pad(s)}` : date
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (Array.isArray(v.richText)) {
      return (v.richText as Array<{ text: string }>).map((part) => part.text).join('')
    }
    if ('result' in v) return cellText(v.result)
    if ('formula' in v || 'sharedFormula' in v || 'error' in v) return ''
    if ('text' in v) return cellText(v.text)
  }
  return String(value)
}

/**
 * One sheet's rows through exceljs' streaming reader (memory stays flat: rows are parsed and
 * dropped as they arrive). Merged cells keep their value in the top-left cell only; the header
 * finder fills a two-row header from the row above.
 */
export async function* xlsxRows(
  stream: Readable,
  sheet = 1
): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
  const WorkbookReader = streamingWorkbookReader()
  const reader = new WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  let position = 0
  for await (const worksheet of reader) {
    position += 1
    if (position !== sheet) {
      // the reader must drain a sheet before it reaches the next
      for await (const skipped of worksheet as AsyncIterable<unknown>) void skipped
      continue
    }
    for await (const row of worksheet as AsyncIterable<{ number: number; values: CellValue[] }>) {
      const values = row.values
      const cells: string[] = []
      for (let col = 1; col < values.length; col++) cells.push(cellText(values[col]))
      yield { rowNumber: row.number, cells }
    }
    return
  }
}
