import { InvalidInput } from '#kernel/errors'
import { t as translate } from '#kernel/i18n'
import { addSheetRow, amountCell } from '#kernel/spreadsheet'
import { excelAmountFormat } from '#modules/reports/services/balances_report'
import type { StatementViewModel } from '#modules/reports/services/statement_builder'
import { sharedRenderer } from '#reports/renderer'
import { statementLabelsFor } from '#reports/statement_labels'
import { labelsFor } from '#reports/labels'
import { statementDocument, statementLayout, withinPrintLimit } from '#reports/statement_document'
import { printedRowLimit } from '#reports/statement_pages'

/** A statement's files: the PDF, and the full lines as XLSX when the PDF lists days. */
export interface StatementFiles {
  pdf: Buffer
  pdfName: string
  xlsx: Buffer | null
  xlsxName: string
}

export function statementFileName(vm: StatementViewModel, extension: 'pdf' | 'xlsx' = 'pdf') {
  const prefix = translate(vm.locale === 'en' ? 'en' : 'zh-CN', 'reports.fileNames.statement')
  return `${prefix}_${vm.customer.code}_${vm.period.from}_${vm.period.to}.${extension}`
}

/**
 * Lays the statement out and refuses, before any rendering, one that would print more lines than
 * a PDF may hold (422 statement_too_large naming the limit: a shorter period is the fix).
 */
export function checkedLayout(vm: StatementViewModel) {
  const layout = statementLayout(vm, statementFileName(vm, 'xlsx'))
  if (!withinPrintLimit(layout)) {
    const limit = printedRowLimit()
    throw new InvalidInput(
      'to',
      'statement_too_large',
      `This statement would print ${layout.printedRows} lines (${layout.perDay ? 'days' : 'movements'}); a PDF holds at most ${limit}. Choose a shorter period.`,
      { rows: layout.printedRows, limit }
    )
  }
  return layout
}

/** The PDF alone (a preview or a download: the lines' XLSX has its own endpoint). */
export async function renderStatementPdf(vm: StatementViewModel): Promise<Buffer> {
  return sharedRenderer().render(await statementDocument(vm, checkedLayout(vm)))
}

/** The PDF (and the XLSX of every line when the PDF is summarised per day): what a delivery sends. */
export async function renderStatementFiles(vm: StatementViewModel): Promise<StatementFiles> {
  const layout = checkedLayout(vm)
  const pdf = await sharedRenderer().render(await statementDocument(vm, layout))
  return {
    pdf,
    pdfName: statementFileName(vm),
    xlsx: layout.perDay ? await statementXlsx(vm) : null,
    xlsxName: statementFileName(vm, 'xlsx'),
  }
}

/** Every line of the statement, per currency, with opening and closing, through the one encoder. */
export async function statementXlsx(vm: StatementViewModel): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const t = labelsFor(vm.locale)
  const h = statementLabelsFor(vm.locale).xlsxHeaders
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(statementLabelsFor(vm.locale).xlsxSheet)
  addSheetRow(sheet, [`${t.statementTitle} ${vm.statementNo}`, vm.customer.code, vm.customer.name])
  addSheetRow(sheet, [t.period, vm.period.from, vm.period.to])
  addSheetRow(sheet, [
    h.currency,
    h.date,
    h.journalNo,
    h.description,
    h.project,
    h.debit,
    h.credit,
    h.balance,
  ])
  for (const section of vm.sections) {
    const format = excelAmountFormat(section.currency)
    const formats = [undefined, undefined, undefined, undefined, undefined, format, format, format]
    const opening = amountCell(section.openingBalance)
    addSheetRow(
      sheet,
      [section.currency, vm.period.from, '', t.opening, '', '', '', opening],
      formats
    )
    for (const row of section.rows) {
      addSheetRow(
        sheet,
        [
          section.currency,
          row.date,
          row.journalNo,
          row.description,
          row.projectCode ?? '',
          amountCell(row.debit),
          amountCell(row.credit),
          amountCell(row.balance),
        ],
        formats
      )
    }
    const closing = amountCell(section.closingBalance)
    addSheetRow(
      sheet,
      [section.currency, vm.period.to, '', t.closing, '', '', '', closing],
      formats
    )
  }
  sheet.columns.forEach((column, i) => {
    column.width = [8, 12, 18, 48, 14, 16, 16, 18][i]
  })
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
