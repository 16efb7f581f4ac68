import db from '@adonisjs/lucid/services/db'
import type { Filter } from 'adminjs'
import { addSheetRow, amountCell } from '#kernel/spreadsheet'
import type { Locale } from '#kernel/i18n'
import type { PanelUser } from '#modules/admin/panel/panel_user'
import { propertyLabel } from '#modules/admin/panel/labels'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import {
  exportCell,
  exportColumns,
  panelList,
  type PanelList,
} from '#modules/admin/services/list_tools'

/** An export never runs away with the server: the first rows, as the list sorts them. */
export const EXPORT_CAP = 10_000

/** A column's heading, as the list shows it (the panel's merged translations), else its name. */
function heading(resourceId: string, name: string, locale: Locale) {
  return propertyLabel(locale, resourceId, name) ?? name
}

/** Titles of referenced records ("C0001 华东机械" for a customer id), read in one query a column. */
async function referenceTitles(column: ColumnSpec, rows: Array<Record<string, any>>) {
  const target = column.reference ? panelList(column.reference) : null
  const ids = [...new Set(rows.map((r) => r[column.name]).filter((v) => v !== null))]
  const titles = new Map<string, string>()
  if (!target || !ids.length) return titles
  const spec = target.resource.tableSpec()
  const title = spec.columns.find((c) => c.isTitle)
  if (!title) return titles
  const titleSql = title.sql ?? `${spec.table}.${title.name}`
  const found = await db
    .from(spec.table)
    .whereIn(`${spec.table}.id`, ids)
    .select(db.raw(`${spec.table}.id::text AS id, (${titleSql})::text AS title`))
  for (const row of found) titles.set(String(row.id), row.title)
  return titles
}

/**
 * The filtered list as an .xlsx workbook, through the kernel's one spreadsheet encoder: text is
 * neutralised (a name "=cmd|…" is written as text '=cmd|…), amounts are exact numbers with the
 * row's currency in a column of its own.
 */
export async function listXlsx(
  list: PanelList,
  filter: Filter,
  sort: { sortBy?: string; direction?: string },
  user: PanelUser,
  locale: Locale
): Promise<{ bytes: Buffer; rows: number }> {
  const spec = list.resource.tableSpec()
  const rows = await list.resource.rawRows(filter, sort, EXPORT_CAP, user)
  const columns = exportColumns(list)
  // amounts are numbers: their currency is a column of its own (unless the list shows it)
  const currencyOf = (r: Record<string, any>) => r.currency ?? r.default_currency ?? ''
  const withCurrency =
    !columns.some((c) => c.name === 'currency') && rows.some((r) => currencyOf(r) !== '')
  const references = new Map<string, Map<string, string>>()
  for (const column of columns.filter((c) => c.reference)) {
    references.set(column.name, await referenceTitles(column, rows))
  }
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(spec.id)
  const headers = columns.map((c) => heading(spec.id, c.name, locale))
  addSheetRow(sheet, withCurrency ? [...headers, heading(spec.id, 'currency', locale)] : headers)
  for (const row of rows) {
    const cells = columns.map((column) => {
      if (column.reference) {
        const id = row[column.name]
        return id === null ? '' : (references.get(column.name)?.get(String(id)) ?? String(id))
      }
      const cell = exportCell(list, column, row, locale)
      return cell && typeof cell === 'object' && 'amount' in cell ? amountCell(cell.amount) : cell
    })
    addSheetRow(sheet, withCurrency ? [...cells, currencyOf(row)] : cells)
  }
  sheet.getRow(1).font = { bold: true }
  return { bytes: Buffer.from(await workbook.xlsx.writeBuffer()), rows: rows.length }
}
