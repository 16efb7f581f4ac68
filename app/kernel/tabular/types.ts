/**
 * The tabular kernel's vocabulary. A mapping profile names the canonical fields a reader wants and
 * the header texts (zh-CN first, English aliases) under which files carry them.
 */
export interface FieldSpec {
  /** canonical field name, e.g. `customerCode` (itself always accepted as a header) */
  field: string
  /** header texts that mean this field, e.g. ['客户编码', 'customer code'] */
  aliases: readonly string[]
  required?: boolean
}

export interface MappingProfile {
  name: string
  fields: readonly FieldSpec[]
}

export type TabularFormat = 'csv' | 'xlsx'
export type TabularEncoding = 'auto' | 'utf8' | 'gb18030' | 'gbk' | 'utf16le'

export interface TabularOptions {
  profile: MappingProfile
  /** sniffed from the first bytes when absent (an XLSX is a ZIP: `PK\x03\x04`) */
  format?: TabularFormat
  /** CSV only; `auto` (default): BOM, else valid UTF-8, else GB18030 (a superset of GBK) */
  encoding?: TabularEncoding
  /** CSV only; `auto` (default): tab when the first lines hold more tabs than commas */
  delimiter?: 'auto' | ',' | '\t' | ';'
  /** remembered mapping: header text (as in the file) → canonical field (`''`: leave the column out); wins over the aliases */
  headerOverrides?: Readonly<Record<string, string>>
  /** how many leading rows may be titles/summaries before the header (default 30) */
  maxHeaderScan?: number
  /** XLSX: the sheet, 1-based position (default 1) */
  sheet?: number
  /** a row that ends the data (e.g. Alipay's `#-----…结束-----` trailer); it and all after are dropped */
  stopAt?: (cells: readonly string[]) => boolean
  /** applied to every cell after trimming (e.g. strip a leading backtick WeChat bills put on numbers) */
  cleanCell?: (value: string) => string
}

export interface HeaderColumn {
  /** 0-based column position */
  index: number
  /** the header as the file shows it (for a two-row header: `parent/child`) */
  header: string
  field: string | null
}

export interface TabularHeader {
  /** spreadsheet row number (1-based, what Excel shows) of the header row */
  rowNumber: number
  columns: HeaderColumn[]
  /** canonical field → column index */
  fieldIndex: Record<string, number>
  /** non-blank headers that map to no field */
  unknown: string[]
  /** required fields no column maps to */
  missing: string[]
  /** fields two columns map to (the first column wins) */
  duplicates: string[]
}

export interface TabularRow {
  /** spreadsheet row number (1-based, what Excel shows; a CSV record number) */
  rowNumber: number
  /** canonical field → trimmed text ('' when blank); money stays text, never a float */
  values: Record<string, string>
  /** every cell of the row as text, by column position */
  cells: string[]
}

export interface TabularReader {
  format: TabularFormat
  /** the CSV's decoded encoding (`null` for XLSX) */
  encoding: string | null
  header: TabularHeader
  rows: AsyncIterable<TabularRow>
  /** stops reading and releases the file (iterating `rows` to the end, or breaking out, does too) */
  close(): Promise<void>
}

/** The file has no row that looks like the profile's header. */
export class TabularHeaderNotFound extends Error {
  constructor(
    readonly profile: string,
    readonly scanned: number
  ) {
    super(`no header row for ${profile} in the first ${scanned} rows`)
  }
}

/**
 * An XLSX part (a sheet, the shared strings) unpacks beyond what a real spreadsheet holds: a zip
 * bomb, refused before it fills the memory (a 3 MB file can unpack to gigabytes).
 */
export class TabularTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`a part of the workbook unpacks to more than ${limitBytes / 2 ** 20} MB`)
  }
}
