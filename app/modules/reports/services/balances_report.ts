import db from '@adonisjs/lucid/services/db'
import { csvDocument } from '#kernel/csv'
import { addSheetRow, amountCell } from '#kernel/spreadsheet'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { minorUnitsOf } from '#kernel/money/currencies'
import { Money, formatAmount } from '#kernel/money/money'
import { LINES_FROM, movementColumns, type Movements } from '#modules/reports/services/report_sql'

export const GROUP_BY = ['customer', 'project', 'period', 'channel', 'owner'] as const
export type GroupBy = (typeof GROUP_BY)[number]

export interface BalanceRow extends Movements {
  key: string
  label: string
  currency: string
  closingBase: string
}

export interface BalancesReport {
  groupBy: GroupBy
  from: string
  to: string
  baseCurrency: string
  columns: Array<keyof BalanceRow>
  rows: BalanceRow[]
}

export const BALANCE_COLUMNS: Array<keyof BalanceRow> = [
  'key',
  'label',
  'currency',
  'opening',
  'received',
  'applied',
  'refunded',
  'adjusted',
  'closing',
  'closingBase',
]

const GROUPS: Record<Exclude<GroupBy, 'period'>, { key: string; label: string; joins: string }> = {
  customer: {
    key: 'c.code',
    label: 'c.name',
    joins: 'JOIN customers c ON c.id = l.customer_id',
  },
  project: {
    key: `coalesce(p.code, '-')`,
    label: `coalesce(p.name, '-')`,
    joins: 'LEFT JOIN projects p ON p.id = l.project_id',
  },
  channel: {
    key: `coalesce(j.channel, '-')`,
    label: `coalesce(j.channel, '-')`,
    joins: '',
  },
  owner: {
    key: `coalesce(u.email, '-')`,
    label: `coalesce(u.full_name, '-')`,
    joins: 'JOIN customers c ON c.id = l.customer_id LEFT JOIN users u ON u.id = c.sales_owner_id',
  },
}

/**
 * Balances and movements grouped by one dimension, per currency: opening before `from`, the
 * period's movements by category, closing at `to`, and the closing in the base currency.
 */
export class BalancesReportBuilder {
  async build(groupBy: GroupBy, from: string, to: string): Promise<BalancesReport> {
    const rows =
      groupBy === 'period' ? await this.byPeriod(from, to) : await this.byGroup(groupBy, from, to)
    return {
      groupBy,
      from,
      to,
      baseCurrency: company.baseCurrency,
      columns: BALANCE_COLUMNS,
      rows,
    }
  }

  private async byGroup(groupBy: Exclude<GroupBy, 'period'>, from: string, to: string) {
    const group = GROUPS[groupBy]
    const result = await db.rawQuery(
      `SELECT ${group.key} AS key, ${group.label} AS label, l.currency,
              ${movementColumns('l.credit', 'l.debit')},
              coalesce(sum(l.base_credit - l.base_debit) FILTER (WHERE l.entry_date <= :to), 0) AS closing_base
         FROM journal_lines l
         JOIN journals j ON j.id = l.journal_id
         LEFT JOIN journals o ON o.id = j.reverses_journal_id
         ${group.joins}
        WHERE l.customer_id IS NOT NULL AND l.entry_date <= :to
        GROUP BY 1, 2, 3
        ORDER BY 1, 3`,
      { from, to }
    )
    return result.rows.map((row: any) =>
      this.row(row.key, row.label, row.currency, row, row.closing_base)
    )
  }

  /** One row per month in [from, to] and currency; each month's opening is the previous closing. */
  private async byPeriod(from: string, to: string) {
    const result = await db.rawQuery(
      `SELECT l.currency, to_char(greatest(l.entry_date, :from::date), 'YYYY-MM') AS month,
              ${movementColumns('l.credit', 'l.debit')},
              coalesce(sum(l.base_credit - l.base_debit), 0) AS net_base
        ${LINES_FROM} AND l.entry_date <= :to
        GROUP BY 1, 2 ORDER BY 1, 2`,
      { from, to }
    )
    const months: string[] = []
    for (
      let month = DateTime.fromISO(from).startOf('month');
      month <= DateTime.fromISO(to);
      month = month.plus({ months: 1 })
    )
      months.push(month.toFormat('yyyy-MM'))
    const currencies = [...new Set<string>(result.rows.map((row: any) => row.currency))]
    const rows: BalanceRow[] = []
    for (const currency of currencies) {
      // rows before `from` were folded into the first month's opening by greatest(entry_date, from)
      let closing = new Money(0)
      let closingBase = new Money(0)
      for (const month of months) {
        const row = result.rows.find((r: any) => r.currency === currency && r.month === month)
        const opening = closing
        const movements = row ?? { received: 0, applied: 0, refunded: 0, adjusted: 0 }
        closing = opening
          .plus(row?.opening ?? 0)
          .plus(movements.received)
          .minus(movements.applied)
          .minus(movements.refunded)
          .plus(movements.adjusted)
        closingBase = closingBase.plus(row?.net_base ?? 0)
        rows.push(
          this.row(
            month,
            month,
            currency,
            {
              ...movements,
              opening: opening.plus(row?.opening ?? 0),
              closing,
            },
            closingBase
          )
        )
      }
    }
    return rows
  }

  private row(
    key: string,
    label: string,
    currency: string,
    sums: any,
    closingBase: any
  ): BalanceRow {
    const fmt = (value: any) => formatAmount(new Money(value ?? 0), currency)
    return {
      key,
      label,
      currency,
      opening: fmt(sums.opening),
      received: fmt(sums.received),
      applied: fmt(sums.applied),
      refunded: fmt(sums.refunded),
      adjusted: fmt(sums.adjusted),
      closing: fmt(sums.closing),
      closingBase: formatAmount(new Money(closingBase ?? 0), company.baseCurrency),
    }
  }
}

const TEXT_COLUMNS = new Set<keyof BalanceRow>(['key', 'label', 'currency'])

/** A row's cells for the spreadsheet encoder: names and codes are text, amounts typed as numbers. */
function balanceCells(report: BalancesReport, row: BalanceRow): unknown[] {
  return report.columns.map((c) => (TEXT_COLUMNS.has(c) ? row[c] : amountCell(row[c])))
}

export function balancesCsv(report: BalancesReport): string {
  return csvDocument(
    report.columns,
    report.rows.map((row) => balanceCells(report, row))
  )
}

/** XLSX with amounts as exact numeric cells (written from their decimal strings). */
export async function balancesXlsx(report: BalancesReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(`balances by ${report.groupBy}`)
  addSheetRow(sheet, report.columns)
  for (const row of report.rows) {
    const formats = report.columns.map((c) =>
      TEXT_COLUMNS.has(c)
        ? undefined
        : excelAmountFormat(c === 'closingBase' ? company.baseCurrency : row.currency)
    )
    addSheetRow(sheet, balanceCells(report, row), formats)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** Excel's display format for amounts of a currency: its minor units (JPY none, KWD three). */
export function excelAmountFormat(currency: string): string {
  const decimals = minorUnitsOf(currency)
  return decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0'
}
