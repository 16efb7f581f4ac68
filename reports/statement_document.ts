import type {
  CurrencySection,
  StatementViewModel,
} from '#modules/reports/services/statement_builder'
import { amount, renderDocument, type ChartSpec, type RenderedDocument } from '#reports/document'
import { labelsFor, type Labels } from '#reports/labels'
import { statementLabelsFor, type StatementLabels } from '#reports/statement_labels'
import {
  paginate,
  printRows,
  printedRowLimit,
  summarisedPerDay,
  type Page,
} from '#reports/statement_pages'

/** A statement laid out for printing: its pages and whether it lists days instead of movements. */
export interface StatementLayout {
  pages: Page[]
  perDay: boolean
  /** lines printed (movements, or days when summarised) */
  printedRows: number
}

/** Lays the statement out; the XLSX named `xlsxName` carries the lines when it is summarised. */
export function statementLayout(vm: StatementViewModel, xlsxName: string): StatementLayout {
  const s = statementLabelsFor(vm.locale)
  const perDay = summarisedPerDay(vm)
  const printedRows = vm.sections.reduce(
    (sum, section) => sum + printRows(section, perDay, s).length,
    0
  )
  return { pages: paginate(vm, s, perDay, xlsxName), perDay, printedRows }
}

/** Whether the layout stays within what one PDF may print (STATEMENT_MAX_PRINTED_ROWS). */
export function withinPrintLimit(layout: Pick<StatementLayout, 'printedRows'>): boolean {
  return layout.printedRows <= printedRowLimit()
}

/** Customer statement (对账单) from its view model (template: resources/views/reports/statement.edge). */
export async function statementDocument(
  vm: StatementViewModel,
  layout: StatementLayout
): Promise<RenderedDocument> {
  const t = labelsFor(vm.locale)
  const s = statementLabelsFor(vm.locale)
  const en = vm.locale === 'en'
  const companyName = (en && vm.company.nameEn) || vm.company.name
  const charts = vm.sections.flatMap((section, index) =>
    section.rows.length ? [balanceChart(`balance-${index}`, section, t)] : []
  )
  const document = await renderDocument('reports/statement', {
    t,
    s,
    vm,
    pages: layout.pages,
    companyName,
    otherName: en ? (vm.company.nameEn ? vm.company.name : null) : vm.company.nameEn,
    companyLines: companyLines(vm, s, t),
    lang: vm.locale,
    title: `${t.statementTitle} ${vm.statementNo} ${vm.customer.code} ${vm.period.from}–${vm.period.to}`,
    footerPrefix: `${s.statementNo}${t.colon}${vm.statementNo}\u3000`,
    charts,
    zeroBlank,
  })
  // 30 s for the page, and more for a long one (about 25 ms a printed line)
  return { ...document, timeoutMs: 30_000 + layout.printedRows * 25 }
}

/** The letterhead's lines under the name: address and phone; tax id and bank account. */
function companyLines(vm: StatementViewModel, s: StatementLabels, t: Labels): string[] {
  const c = vm.company
  const address = (vm.locale === 'en' && c.addressEn) || c.address
  const join = (parts: Array<string | null>) => parts.filter(Boolean).join('\u3000')
  return [
    join([
      address ? `${s.address}${t.colon}${address}` : null,
      c.phone ? `${s.phone}${t.colon}${c.phone}` : null,
    ]),
    join([
      c.taxId ? `${s.taxId}${t.colon}${c.taxId}` : null,
      c.bankAccount
        ? `${s.bank}${t.colon}${[c.bankName, c.bankAccount].filter(Boolean).join(' ')}`
        : null,
    ]),
  ].filter(Boolean)
}

/** A zero debit or credit prints as an empty cell. */
function zeroBlank(value: string): string {
  return /^-?0(\.0+)?$/.test(value) ? '' : amount(value)
}

/** Days since 1970-01-01 of a plain date: the chart's x axis is a true time scale in days. */
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000

/**
 * The balance over the period on a time axis: a step at each day with movements (the balance is
 * held until the next one), the y axis from zero. Sections without movements get no chart.
 */
function balanceChart(id: string, s: CurrencySection, t: Labels): ChartSpec {
  const points = s.chart.labels.map((label, i) => ({
    x: dayNumber(label),
    // numbers only for drawing the line
    y: Number(s.chart.values[i]),
  }))
  return {
    id,
    dateAxis: 'x',
    config: {
      type: 'line',
      data: {
        datasets: [
          {
            label: `${t.balance} (${s.currency})`,
            data: points,
            // the balance is held until the next day with movements, then steps
            stepped: 'before',
            borderColor: '#1f4e79',
            backgroundColor: 'rgba(31,78,121,0.12)',
            fill: 'origin',
            // a dot per day reads on a month; a year of dots is a smear
            pointRadius: points.length > 40 ? 0 : 2,
            borderWidth: 1.5,
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: {
            type: 'linear',
            min: points[0]?.x,
            max: points.at(-1)?.x,
            // the first and last day are not forced onto the axis: a forced bound beside a
            // "nice" tick printed two dates on top of each other
            ticks: { maxTicksLimit: 8, precision: 0, includeBounds: false },
          },
          y: { beginAtZero: true },
        },
      },
    },
  }
}
