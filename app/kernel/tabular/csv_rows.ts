import type { Readable } from 'node:stream'
import iconv from 'iconv-lite'
import { parse } from 'csv-parse'
import type { TabularOptions } from './types.js'

/** Comma unless the first lines hold more tabs (some bank downloads are tab-separated "CSV"). */
export function sniffDelimiter(sample: string, wanted: TabularOptions['delimiter'] = 'auto') {
  if (wanted && wanted !== 'auto') return wanted
  const lines = sample.split(/\r?\n/).slice(0, 40).join('\n')
  const count = (c: string) => lines.split(c).length - 1
  return count('\t') > count(',') ? '\t' : ','
}

/**
 * The CSV's records as arrays of text, numbered as a spreadsheet shows them. Quoted fields may hold
 * line breaks; rows may have any number of cells (title lines have one). Decoding is streamed.
 */
export async function* csvRows(
  stream: Readable,
  encoding: string,
  delimiter: string
): AsyncGenerator<{ rowNumber: number; cells: string[] }> {
  const parser = stream.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    })
  )
  let rowNumber = 0
  for await (const record of parser as AsyncIterable<string[]>) {
    rowNumber += 1
    yield { rowNumber, cells: record }
  }
}
