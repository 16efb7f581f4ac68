import { csvDocument } from '#kernel/csv'
import { FILE_TYPES } from '#kernel/download'
import { addSheetRow, amountCell } from '#kernel/spreadsheet'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { minorUnitsOf } from '#kernel/money/currencies'
import { Money, formatAmount } from '#kernel/money/money'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { Movements } from '#modules/reports/services/report_sql'
import {
  CUSTOMER_FACTS,
  PERIOD_FACTS,
  PROJECT_FACTS,
  inReportSession,
  periodBindings,
} from '#modules/reports/services/monthly_facts'

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
    joins: 'JOIN customers c ON c.id = f.customer_id',
  },
  project: {
    key: `coalesce(p.code, '-')`,
    label: `coalesce(p.name, '-')`,
    joins: 'LEFT JOIN projects p ON p.id = f.project_id',
  },
  channel: {
    key: `coalesce(nullif(f.channel, ''), '-')`,
    label: `coalesce(nullif(f.channel, ''), '-')`,
    joins: '',
  },
  owner: {
    key: `coalesce(u.email, '-')`,
    label: `coalesce(u.full_name, '-')`,
    joins: 'JOIN customers c ON c.id = f.customer_id LEFT JOIN users u ON u.id = c.sales_owner_id',
  },
}

/** The facts a grouping reads: split no further than it shows (monthly_facts.ts). */
const FACTS: Record<Exclude<GroupBy, 'period'>, string> = {
  customer: CUSTOMER_FACTS,
  owner: CUSTOMER_FACTS,
  project: PROJECT_FACTS,
  channel: PERIOD_FACTS,
}

const SUMS = `coalesce(sum(f.opening), 0) AS opening, coalesce(sum(f.received), 0) AS received,
  coalesce(sum(f.applied), 0) AS applied, coalesce(sum(f.refunded), 0) AS refunded,
  coalesce(sum(f.adjusted), 0) AS adjusted, coalesce(sum(f.net), 0) AS net`

/**
 * Balances and movements grouped by one dimension, per currency: opening before `from`, the
 * period's movements by category, closing at `to`, and the closing in the base currency. Read
 * from the monthly closing balances (monthly_facts.ts): the cost follows the number of customers
 * and months, not the lines since the beginning.
 */
export class BalancesReportBuilder {
  /** In a report session of its own, or in `trx` (an export reads its ledger position there too). */
  async build(
    groupBy: GroupBy,
    from: string,
    to: string,
    trx?: TransactionClientContract
  ): Promise<BalancesReport> {
    const read = (client: TransactionClientContract) =>
      groupBy === 'period'
        ? this.byPeriod(client, from, to)
        : this.byGroup(client, groupBy, from, to)
    const rows = await (trx ? read(trx) : inReportSession(read))
    return {
      groupBy,
      from,
      to,
      baseCurrency: company.baseCurrency,
      columns: BALANCE_COLUMNS,
      rows,
    }
  }

  private async byGroup(
    trx: TransactionClientContract,
    groupBy: Exclude<GroupBy, 'period'>,
    from: string,
    to: string
  ) {
    const group = GROUPS[groupBy]
    // summed per key first (by ids: a hash of 60,000 keys), then named and grouped: grouping the
    // million facts rows of a long period by names sorted them all (1.2 s at 10,000 customers)
    const result = await trx.rawQuery(
      `${FACTS[groupBy]}, keys AS (
         SELECT f.customer_id, f.project_id, f.channel, f.currency, ${SUMS},
                coalesce(sum(f.opening_base + f.net_base), 0) AS closing_base, sum(f.seen) AS seen
           FROM facts f GROUP BY 1, 2, 3, 4)
       SELECT ${group.key} AS key, ${group.label} AS label, f.currency, ${SUMS},
              sum(f.closing_base) AS closing_base
         FROM keys f ${group.joins}
        GROUP BY 1, 2, 3 HAVING sum(f.seen) > 0
        ORDER BY 1, 3`,
      periodBindings(from, to)
    )
    return result.rows.map((row: any) =>
      this.row(row.key, row.label, row.currency, withClosing(row), row.closing_base)
    )
  }

  /** One row per month in [from, to] and currency; each month's opening is the previous closing. */
  private async byPeriod(trx: TransactionClientContract, from: string, to: string) {
    const result = await trx.rawQuery(
      `${CUSTOMER_FACTS}
       SELECT f.currency, to_char(f.month, 'YYYY-MM') AS month, ${SUMS},
              coalesce(sum(f.opening_base + f.net_base), 0) AS net_base
         FROM facts f
        GROUP BY 1, 2 HAVING sum(f.seen) > 0 ORDER BY 1, 2`,
      periodBindings(from, to)
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
      // the opening before `from` is on the first month's row
      let closing = new Money(0)
      let closingBase = new Money(0)
      for (const month of months) {
        const row = result.rows.find((r: any) => r.currency === currency && r.month === month)
        const opening = closing
        const movements = row ?? { received: 0, applied: 0, refunded: 0, adjusted: 0 }
        // every movement, also those of no category (an imported opening balance)
        closing = opening.plus(row?.opening ?? 0).plus(row?.net ?? 0)
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

/** opening + every movement of the period (categories, and kinds of none: an imported opening). */
function withClosing(row: any) {
  return { ...row, closing: new Money(row.opening).plus(row.net) }
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

/** The report as a file of `format` (the API's and the exports'): its name, type and bytes. */
export async function balancesFile(report: BalancesReport, format: 'csv' | 'xlsx') {
  return {
    name: `balances_${report.groupBy}_${report.from}_${report.to}.${format}`,
    type: FILE_TYPES[format],
    body: format === 'csv' ? Buffer.from(balancesCsv(report), 'utf8') : await balancesXlsx(report),
  }
}

/** Excel's display format for amounts of a currency: its minor units (JPY none, KWD three). */
export function excelAmountFormat(currency: string): string {
  const decimals = minorUnitsOf(currency)
  return decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0'
}
