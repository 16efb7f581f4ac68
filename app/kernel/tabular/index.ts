/**
 * The tabular kernel: CSV (UTF-8 with or without BOM, GBK/GB18030) and XLSX (streamed) read as a
 * header mapped to canonical fields and an async stream of rows. It imports no module; the import
 * jobs and the bank statement readers both build on it.
 */
export { openTabular, readTabularHeader } from './read_tabular.js'
export { normaliseHeader, HeaderMatcher } from './header.js'
export { cellText } from './xlsx_rows.js'
export { detectEncoding, sniffFormat, type TabularSource } from './source.js'
export * from './types.js'
