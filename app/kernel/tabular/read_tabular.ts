import iconv from 'iconv-lite'
import { csvRows, sniffDelimiter } from './csv_rows.js'
import { xlsxRows } from './xlsx_rows.js'
import { findHeader, HeaderMatcher } from './header.js'
import { detectEncoding, peekSource, sniffFormat, type TabularSource } from './source.js'
import {
  TabularHeaderNotFound,
  type TabularHeader,
  type TabularOptions,
  type TabularReader,
  type TabularRow,
} from './types.js'

type RawRow = { rowNumber: number; cells: string[] }

/**
 * Opens a CSV or XLSX file (path, Buffer or stream) as a header and a stream of rows whose cells
 * are keyed by the profile's canonical fields. Leading title/summary lines are skipped (WeChat Pay
 * and Alipay bills, bank exports with a merged title); blank rows are dropped. Rows are read as the
 * consumer iterates, so a 100,000-row file never sits in memory.
 */
export async function openTabular(
  source: TabularSource,
  options: TabularOptions
): Promise<TabularReader> {
  const { head, stream } = await peekSource(source)
  const format = options.format ?? sniffFormat(head)
  let encoding: string | null = null
  let raw: AsyncGenerator<RawRow>
  if (format === 'xlsx') raw = xlsxRows(stream, options.sheet)
  else {
    encoding = detectEncoding(head, options.encoding)
    const delimiter = sniffDelimiter(iconv.decode(head, encoding), options.delimiter)
    raw = csvRows(stream, encoding, delimiter)
  }

  const clean = (cells: string[]) =>
    cells.map((cell) => {
      const text = String(cell ?? '').trim()
      return options.cleanCell ? options.cleanCell(text) : text
    })
  const scan = options.maxHeaderScan ?? 30
  const buffered: RawRow[] = []
  while (buffered.length < scan) {
    const next = await raw.next()
    if (next.done) break
    buffered.push({ rowNumber: next.value.rowNumber, cells: clean(next.value.cells) })
  }
  const matcher = new HeaderMatcher(options.profile, options.headerOverrides)
  const found = findHeader(matcher, buffered)
  if (!found) {
    await raw.return(undefined)
    throw new TabularHeaderNotFound(options.profile.name, buffered.length)
  }
  const header = found.header
  const pending = buffered.slice(found.position + 1)

  async function* rows(): AsyncGenerator<TabularRow> {
    try {
      for (const row of pending) {
        if (options.stopAt?.(row.cells)) return
        const mapped = toRow(header, row)
        if (mapped) yield mapped
      }
      for await (const row of raw) {
        const cells = clean(row.cells)
        if (options.stopAt?.(cells)) return
        const mapped = toRow(header, { rowNumber: row.rowNumber, cells })
        if (mapped) yield mapped
      }
    } finally {
      await raw.return(undefined)
    }
  }
  const close = async () => {
    await raw.return(undefined)
  }
  return { format, encoding, header, rows: rows(), close }
}

function toRow(header: TabularHeader, row: RawRow): TabularRow | null {
  if (row.cells.every((cell) => cell === '')) return null
  const values: Record<string, string> = {}
  for (const [field, index] of Object.entries(header.fieldIndex)) {
    values[field] = row.cells[index] ?? ''
  }
  return { rowNumber: row.rowNumber, values, cells: row.cells }
}

/** Reads just the header (the panel shows it to map unknown columns before a dry run). */
export async function readTabularHeader(source: TabularSource, options: TabularOptions) {
  const reader = await openTabular(source, options)
  await reader.close()
  return { format: reader.format, encoding: reader.encoding, header: reader.header }
}
