import { Money, formatAmount } from '#kernel/money/money'
import type {
  CurrencySection,
  StatementRow,
  StatementViewModel,
} from '#modules/reports/services/statement_builder'
import type { StatementLabels } from '#reports/statement_labels'

/**
 * Statement layout (issue 17, issue 20 goal 3): the rows are laid out on A4 pages here, not by
 * Chromium, so that every page after the first opens with the running header and a 承前页 line
 * and every full page closes with a 过次页 line carrying the totals so far. Rows have a fixed
 * height (one line, the 摘要 cut with an ellipsis), so a page's capacity is known; the heights
 * below are CSS pixels of the template (resources/views/reports/statement.edge) with some slack.
 */
const PAGE_HEIGHT = 1000 // 297 mm − 26 mm of margins = 1024 px
const HEIGHTS = {
  letterhead: 150,
  info: 64,
  runningHeader: 34,
  sectionHead: 84,
  base: 16,
  chart: 190,
  note: 28,
  tableHead: 22,
  row: 16,
  subtotalsHead: 44,
  confirm: 310,
}

/** A printed line: a movement, or one day's movements summed (above the detail limit). */
export interface PrintRow {
  date: string
  journalNo: string
  description: string
  project: string
  debit: string
  credit: string
  balance: string
}

/** Totals carried from one page to the next (过次页 → 承前页). */
export interface Carried {
  debit: string
  credit: string
  balance: string
}

export type Block =
  | { type: 'letterhead' }
  | { type: 'info' }
  | { type: 'runningHeader'; page: number }
  | {
      type: 'sectionHead'
      section: CurrencySection
      index: number
      chart: boolean
      note: string | null
    }
  | {
      type: 'rows'
      section: CurrencySection
      /** the opening line (first chunk) or 承前页 with the carried totals */
      opening: Carried | null
      carriedFrom: Carried | null
      rows: PrintRow[]
      /** 过次页 (more rows follow on the next page) */
      carriedTo: Carried | null
      /** the section's totals and closing close this chunk */
      last: boolean
    }
  | { type: 'subtotals'; section: CurrencySection }
  | { type: 'confirm' }

export interface Page {
  blocks: Block[]
}

/** Above this many movements in a statement the PDF lists one line per day (the XLSX has them all). */
export function detailLimit(): number {
  return Number(process.env.STATEMENT_DETAIL_ROWS ?? 500)
}

/** The most printed lines a statement PDF may have (else the caller is told to shorten the period). */
export function printedRowLimit(): number {
  return Number(process.env.STATEMENT_MAX_PRINTED_ROWS ?? 2000)
}

export function movementCount(vm: StatementViewModel): number {
  return vm.sections.reduce((sum, section) => sum + section.rows.length, 0)
}

/** Whether the PDF summarises per day (and the full lines go out as XLSX). */
export function summarisedPerDay(vm: StatementViewModel): boolean {
  return movementCount(vm) > detailLimit()
}

const projectOf = (row: StatementRow) => row.projectCode ?? ''

/** The lines a section prints: every movement, or one per day with the day's count. */
export function printRows(
  section: CurrencySection,
  perDay: boolean,
  s: StatementLabels
): PrintRow[] {
  if (!perDay) {
    return section.rows.map((row) => ({
      date: row.date,
      journalNo: row.journalNo,
      description: row.description,
      project: projectOf(row),
      debit: row.debit,
      credit: row.credit,
      balance: row.balance,
    }))
  }
  const days: Array<{ date: string; count: number; debit: Money; credit: Money; balance: string }> =
    []
  for (const row of section.rows) {
    let day = days.at(-1)
    if (!day || day.date !== row.date) {
      day = { date: row.date, count: 0, debit: new Money(0), credit: new Money(0), balance: '' }
      days.push(day)
    }
    day.count++
    day.debit = day.debit.plus(row.debit)
    day.credit = day.credit.plus(row.credit)
    day.balance = row.balance
  }
  return days.map((day) => ({
    date: day.date,
    journalNo: '',
    description: s.dayCount(day.count),
    project: '',
    debit: formatAmount(day.debit, section.currency),
    credit: formatAmount(day.credit, section.currency),
    balance: day.balance,
  }))
}

/** Lays the statement out on pages (see the heights above). */
export function paginate(
  vm: StatementViewModel,
  s: StatementLabels,
  perDay: boolean,
  xlsxName: string
): Page[] {
  const layout = new PageLayout()
  const note = perDay ? s.perDayNote(movementCount(vm), detailLimit(), xlsxName) : null
  vm.sections.forEach((section, index) => {
    const chart = section.rows.length > 0
    const head =
      HEIGHTS.sectionHead +
      (section.base ? HEIGHTS.base : 0) +
      (chart ? HEIGHTS.chart : 0) +
      (note && index === 0 ? HEIGHTS.note : 0)
    // a section starts where its head, the table's head and a few lines fit
    layout.place(
      { type: 'sectionHead', section, index, chart, note: index === 0 ? note : null },
      head,
      HEIGHTS.tableHead + HEIGHTS.row * 4
    )
    layout.rows(section, printRows(section, perDay, s))
    if (section.projectSubtotals.length) {
      const height = HEIGHTS.subtotalsHead + HEIGHTS.row * section.projectSubtotals.length
      layout.place({ type: 'subtotals', section }, height)
    }
  })
  layout.place({ type: 'confirm' }, HEIGHTS.confirm)
  return layout.finish()
}

/** Pages being filled: what is on the current one and how much of its height is used. */
class PageLayout {
  private pages: Page[] = []
  private page: Page = { blocks: [{ type: 'letterhead' }, { type: 'info' }] }
  private used = HEIGHTS.letterhead + HEIGHTS.info

  private room() {
    return PAGE_HEIGHT - this.used
  }

  private newPage() {
    this.pages.push(this.page)
    this.page = { blocks: [{ type: 'runningHeader', page: this.pages.length + 1 }] }
    this.used = HEIGHTS.runningHeader
  }

  /** A block of `height`, on a new page unless it (and `after` more) fits on this one. */
  place(block: Block, height: number, after = 0) {
    if (this.room() < height + after) this.newPage()
    this.page.blocks.push(block)
    this.used += height
  }

  /** The section's table in chunks: each full page ends 过次页, the next opens 承前页. */
  rows(section: CurrencySection, rows: PrintRow[]) {
    const totals = { debit: new Money(0), credit: new Money(0), balance: section.openingBalance }
    const carried = (): Carried => ({
      debit: formatAmount(totals.debit, section.currency),
      credit: formatAmount(totals.credit, section.currency),
      balance: totals.balance,
    })
    // the table's head, the opening or 承前页 line, and 过次页 or the total and closing lines
    const fixed = HEIGHTS.tableHead + HEIGHTS.row * 3
    const fits = () => Math.floor((this.room() - fixed) / HEIGHTS.row)
    let next = 0
    let from: Carried | null = null
    for (;;) {
      // no table head with fewer than three lines under it while more are waiting
      if (fits() < Math.min(rows.length - next, 3)) this.newPage()
      const chunk = rows.slice(next, next + fits())
      for (const row of chunk) {
        totals.debit = totals.debit.plus(row.debit)
        totals.credit = totals.credit.plus(row.credit)
        totals.balance = row.balance
      }
      next += chunk.length
      const last = next >= rows.length
      this.page.blocks.push({
        type: 'rows',
        section,
        opening: from ? null : { debit: '', credit: '', balance: section.openingBalance },
        carriedFrom: from,
        rows: chunk,
        carriedTo: last ? null : carried(),
        last,
      })
      this.used += fixed + HEIGHTS.row * chunk.length
      if (last) return
      from = carried()
      this.newPage()
    }
  }

  finish(): Page[] {
    this.pages.push(this.page)
    return this.pages
  }
}
