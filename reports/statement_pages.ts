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
  const pages: Page[] = []
  let page: Page = { blocks: [{ type: 'letterhead' }, { type: 'info' }] }
  let used = HEIGHTS.letterhead + HEIGHTS.info
  const newPage = () => {
    pages.push(page)
    page = { blocks: [{ type: 'runningHeader', page: pages.length + 1 }] }
    used = HEIGHTS.runningHeader
  }
  const room = () => PAGE_HEIGHT - used
  const note = perDay ? s.perDayNote(movementCount(vm), detailLimit(), xlsxName) : null

  vm.sections.forEach((section, index) => {
    const chart = section.rows.length > 0
    const head =
      HEIGHTS.sectionHead +
      (section.base ? HEIGHTS.base : 0) +
      (chart ? HEIGHTS.chart : 0) +
      (note && index === 0 ? HEIGHTS.note : 0)
    // a section starts where its head, the table's head and a few lines fit
    if (room() < head + HEIGHTS.tableHead + HEIGHTS.row * 4) newPage()
    page.blocks.push({
      type: 'sectionHead',
      section,
      index,
      chart,
      note: index === 0 ? note : null,
    })
    used += head
    layRows(section, printRows(section, perDay, s))
    const subtotals = HEIGHTS.subtotalsHead + HEIGHTS.row * section.projectSubtotals.length
    if (section.projectSubtotals.length) {
      if (room() < subtotals) newPage()
      page.blocks.push({ type: 'subtotals', section })
      used += subtotals
    }
  })
  if (room() < HEIGHTS.confirm) newPage()
  page.blocks.push({ type: 'confirm' })
  pages.push(page)
  return pages

  /** The section's table in chunks: each full page ends 过次页, the next opens 承前页. */
  function layRows(section: CurrencySection, rows: PrintRow[]) {
    let debit = new Money(0)
    let credit = new Money(0)
    let balance = section.openingBalance
    const carried = (): Carried => ({
      debit: formatAmount(debit, section.currency),
      credit: formatAmount(credit, section.currency),
      balance,
    })
    // the table's head, the opening or 承前页 line, and 过次页 or the total and closing lines
    const fixed = HEIGHTS.tableHead + HEIGHTS.row * 3
    let next = 0
    let from: Carried | null = null
    for (;;) {
      let fits = Math.floor((room() - fixed) / HEIGHTS.row)
      // no table head with fewer than three lines under it while more are waiting
      if (fits < Math.min(rows.length - next, 3)) {
        newPage()
        fits = Math.floor((room() - fixed) / HEIGHTS.row)
      }
      const chunk = rows.slice(next, next + fits)
      for (const row of chunk) {
        debit = debit.plus(row.debit)
        credit = credit.plus(row.credit)
        balance = row.balance
      }
      next += chunk.length
      const last = next >= rows.length
      page.blocks.push({
        type: 'rows',
        section,
        opening: from ? null : { debit: '', credit: '', balance: section.openingBalance },
        carriedFrom: from,
        rows: chunk,
        carriedTo: last ? null : carried(),
        last,
      })
      used += fixed + HEIGHTS.row * chunk.length
      if (last) return
      from = carried()
      newPage()
    }
  }
}
