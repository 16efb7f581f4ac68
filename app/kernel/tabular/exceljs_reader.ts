import { createRequire } from 'node:module'
import { TabularTooLarge } from './types.js'

const require = createRequire(import.meta.url)

/**
 * The most one XML part of a workbook may unpack to. A 100,000-row sheet of 15 columns is about
 * 60 MB of XML; the shared strings are kept in memory (twice their size as JavaScript text), so
 * this bounds what one upload can make the process hold.
 */
export const MAX_XML_PART_BYTES = 256 * 2 ** 20

/**
 * exceljs 4.4's streaming reader decodes each compressed chunk of a sheet's XML on its own
 * (utils/parse-sax.js: `bufferToString(chunk)`), so a Chinese character whose UTF-8 bytes straddle
 * two chunks comes out as U+FFFD (银行转���) — in every large sheet with inline strings. This
 * loads the library's WorkbookReader with a parse-sax that keeps one streaming TextDecoder per
 * parsed entry (the library's own code otherwise, loaded fresh so the fix applies whatever loaded
 * exceljs before). It also counts what each part unpacks to: the real bytes, not what the zip
 * declares (MAX_XML_PART_BYTES).
 */
function fixedParseSax() {
  const { SaxesParser } = require('saxes')
  return async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
    const parser = new SaxesParser()
    const decoder = new TextDecoder('utf-8')
    let error: Error | undefined
    let events: Array<{ eventType: string; value: unknown }> = []
    parser.on('error', (err: Error) => (error = err))
    parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }))
    parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }))
    parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }))
    let unpacked = 0
    for await (const chunk of iterable) {
      unpacked += chunk.length
      if (unpacked > MAX_XML_PART_BYTES) throw new TabularTooLarge(MAX_XML_PART_BYTES)
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
      if (error) throw error
      yield events
      events = []
    }
  }
}

let reader: any

export function streamingWorkbookReader(): new (
  input: unknown,
  options: object
) => AsyncIterable<any> {
  if (reader) return reader
  const sax = require.resolve('exceljs/lib/utils/parse-sax.js')
  const worksheet = require.resolve('exceljs/lib/stream/xlsx/worksheet-reader.js')
  const workbook = require.resolve('exceljs/lib/stream/xlsx/workbook-reader.js')
  require(sax)
  require.cache[sax]!.exports = fixedParseSax()
  delete require.cache[worksheet]
  delete require.cache[workbook]
  reader = require(workbook)
  return reader
}
