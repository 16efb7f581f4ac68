import { openTabular, TabularHeaderNotFound, TabularTooLarge } from '#kernel/tabular/index'
import { addSheetRow } from '#kernel/spreadsheet'
import { PROFILES, type ImportKindName } from '#modules/imports/kinds/profiles'
import type { RowError } from '#modules/imports/services/row_errors'
import type { JobRow } from '#modules/imports/services/import_runner'

async function workbook() {
  const { default: ExcelJS } = await import('exceljs')
  return new ExcelJS.Workbook()
}

/**
 * The template of a kind: the zh-CN headers (required ones marked *), and a sheet listing the
 * English names each column also accepts.
 */
export async function importTemplate(kind: ImportKindName): Promise<Buffer> {
  const book = await workbook()
  const sheet = book.addWorksheet(kind)
  const fields = PROFILES[kind].fields
  addSheetRow(
    sheet,
    fields.map((f) => `${f.aliases[0]}${f.required ? '*' : ''}`)
  )
  sheet.getRow(1).font = { bold: true }
  fields.forEach((_f, i) => (sheet.getColumn(i + 1).width = 18))
  const help = book.addWorksheet('说明 Help')
  addSheetRow(help, ['列 Column', '字段 Field', '必填 Required', '也接受 Also accepted'])
  for (const f of fields) {
    addSheetRow(help, [
      f.aliases[0],
      f.field,
      f.required ? '是 yes' : '',
      f.aliases.slice(1).join(', '),
    ])
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/**
 * The rejected rows of a job as the user uploaded them, with an error column (zh-CN and English)
 * at the end, so they can fix the rows and upload this file again. Cells go through the shared
 * spreadsheet encoder (formulas neutralised).
 */
export async function errorReport(job: JobRow & { errors: RowError[] }): Promise<Buffer> {
  const byRow = new Map<number, string[]>()
  for (const e of job.errors) {
    const text = `${e.column ? `[${e.column}] ` : ''}${e.message} / ${e.messageEn}`
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), text])
  }
  const book = await workbook()
  const sheet = book.addWorksheet('rejected')
  try {
    const reader = await openTabular(job.file_path, {
      profile: PROFILES[job.kind],
      headerOverrides: job.options.mapping ?? {},
    })
    addSheetRow(sheet, [...reader.header.columns.map((c) => c.header), '错误 Errors', '行号 Row'])
    const width = reader.header.columns.length
    for (const row of [0, reader.header.rowNumber]) {
      const messages = byRow.get(row)
      if (messages) addSheetRow(sheet, [...Array(width).fill(''), messages.join('\n'), row])
    }
    for await (const row of reader.rows) {
      const messages = byRow.get(row.rowNumber)
      if (!messages) continue
      const cells = Array.from({ length: width }, (_v, i) => row.cells[i] ?? '')
      addSheetRow(sheet, [...cells, messages.join('\n'), row.rowNumber])
    }
  } catch (error) {
    // the file itself is refused: its errors are listed without its rows
    if (!(error instanceof TabularHeaderNotFound || error instanceof TabularTooLarge)) throw error
    addSheetRow(sheet, ['错误 Errors', '行号 Row'])
    for (const [row, messages] of byRow) addSheetRow(sheet, [messages.join('\n'), row])
  }
  sheet.getRow(1).font = { bold: true }
  return Buffer.from(await book.xlsx.writeBuffer())
}
