import { Decimal } from 'decimal.js'

/** A statement line as every format reads into it, before it is stored (amounts as exact text). */
export interface BankLineDraft {
  /** value / booking date, YYYY-MM-DD (the bank's calendar date, Asia/Shanghai for Chinese banks) */
  valueDate: string
  /** the time of day or full timestamp as the file shows it, when it has one */
  bookedAt: string | null
  direction: 'credit' | 'debit'
  /** positive, as exact decimal text */
  amount: string
  /** null: the bank account's currency */
  currency: string | null
  bankReference: string | null
  counterpartyName: string | null
  counterpartyAccount: string | null
  memo: string | null
  /** the source row's fields, kept with the line */
  raw: Record<string, string>
}

/** A file that cannot be read as a statement: where and why (row 0 = the file as a whole). */
export interface StatementProblem {
  row: number
  column: string
  rule: string
  message: string
}

export class StatementUnreadable extends Error {
  constructor(readonly problems: StatementProblem[]) {
    super(problems.map((p) => `row ${p.row} ${p.column}: ${p.message}`).join('; '))
  }
}

/** The file is refused for one problem (row 0: the file as a whole). */
export function unreadableAt(row: number, column: string, rule: string, message: string) {
  return new StatementUnreadable([{ row, column, rule, message }])
}

/** The lines of one file and what the file says about itself. */
export interface ParsedStatement {
  profile: string
  /** the account the file names (camt.053 IBAN/Othr Id, MT940 :25:), when it names one */
  accountNo: string | null
  currency: string | null
  lines: BankLineDraft[]
}

const AMOUNT = /^\d+(\.\d+)?$/

/**
 * A money cell as banks print it: `¥380,000.00`, `+380000`, `-50,000.00`, `(50.00)`, `380000.00元`.
 * Returns the signed exact amount, or null when the text is not one (blank → null too).
 */
export function parseMoneyText(text: string | undefined | null): Decimal | null {
  if (text === undefined || text === null) return null
  let value = text.replace(/[\s,，¥￥元$]/g, '').replace(/^CNY|^RMB/i, '')
  if (value === '' || value === '-' || value === '--' || value === '/') return null
  let negative = false
  if (/^\(.*\)$/.test(value)) {
    negative = true
    value = value.slice(1, -1)
  }
  if (value.startsWith('-')) {
    negative = !negative
    value = value.slice(1)
  } else if (value.startsWith('+')) value = value.slice(1)
  if (!AMOUNT.test(value)) return null
  const amount = new Decimal(value)
  return negative ? amount.negated() : amount
}

/**
 * A date cell: `2026-11-01`, `2026/11/1`, `20261101`, `2026年11月1日`, optionally followed by a time.
 * Returns the calendar date and the time text, or null.
 */
export function parseDateText(
  text: string | undefined
): { date: string; time: string | null } | null {
  if (!text) return null
  const match = text
    .trim()
    .match(
      /^(\d{4})\s*[-/.年]?\s*(\d{1,2})\s*[-/.月]?\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2}:\d{2}(?::\d{2})?))?/
    )
  if (!match) return null
  const [, y, m, d, time] = match
  const month = Number(m)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const date = `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return null
  return { date, time: time ?? null }
}

/** Blank text → null, else trimmed (and capped to the column's width). */
export function textOrNull(text: string | undefined | null, max = 200): string | null {
  const value = (text ?? '').trim()
  return value === '' ? null : value.slice(0, max)
}

/** The stored width of each text of a line and of a statement (bank_lines, bank_statements). */
const WIDTHS = {
  bookedAt: 32,
  currency: 3,
  bankReference: 80,
  counterpartyName: 200,
  counterpartyAccount: 64,
  accountNo: 64,
  memo: 1000,
}

type Text = string | null | undefined

/** What a reader found in one line; texts as the file has them. */
export interface LineFound {
  valueDate: string
  direction: 'credit' | 'debit'
  /** positive */
  amount: Decimal
  bookedAt?: Text
  currency?: Text
  bankReference?: Text
  counterpartyName?: Text
  counterpartyAccount?: Text
  /** its parts, each trimmed and joined with " / " (blank ones left out) */
  memo: Text[]
  raw: Record<string, string>
}

/** A line as stored: every text trimmed, blank as null and cut to its column, whatever the format. */
export function draftLine(found: LineFound): BankLineDraft {
  return {
    valueDate: found.valueDate,
    bookedAt: textOrNull(found.bookedAt, WIDTHS.bookedAt),
    direction: found.direction,
    amount: found.amount.toFixed(),
    currency: textOrNull(found.currency, WIDTHS.currency),
    bankReference: textOrNull(found.bankReference, WIDTHS.bankReference),
    counterpartyName: textOrNull(found.counterpartyName, WIDTHS.counterpartyName),
    counterpartyAccount: textOrNull(found.counterpartyAccount, WIDTHS.counterpartyAccount),
    memo: textOrNull(memoOf(found.memo), WIDTHS.memo),
    raw: found.raw,
  }
}

function memoOf(parts: Text[]) {
  return parts
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' / ')
}

/**
 * The most lines one statement file may hold: ten times the matching benchmark's file (bench:bank,
 * 10,000 lines), far beyond a bank's export for a period. A larger file (20 MB of CSV is 850,000
 * lines, minutes of one request) is refused whole; the bank's export of a shorter period is not.
 */
export const MAX_STATEMENT_LINES = 100_000

/** A statement as stored: the account and currency the file names, cut to their columns. */
export function statementOf(
  profile: string,
  named: { accountNo?: Text; currency?: Text },
  lines: BankLineDraft[]
): ParsedStatement {
  if (lines.length > MAX_STATEMENT_LINES) {
    const most = MAX_STATEMENT_LINES.toLocaleString('en')
    throw unreadableAt(
      0,
      'file',
      'too_many_lines',
      `a statement file holds at most ${most} lines: export a shorter period`
    )
  }
  return {
    profile,
    accountNo: textOrNull(named.accountNo, WIDTHS.accountNo),
    currency: textOrNull(named.currency, WIDTHS.currency),
    lines,
  }
}

/**
 * The line's natural key within its account: the bank's own reference when the format has one,
 * else date + direction + amount + counterparty + the occurrence of that tuple in the file (two
 * identical transfers on one day stay two lines; the same file read again gives the same keys).
 */
export function naturalKeys(lines: BankLineDraft[]): string[] {
  const seen = new Map<string, number>()
  return lines.map((line) => {
    if (line.bankReference) return `ref:${line.bankReference}`.slice(0, 240)
    const party = line.counterpartyAccount ?? line.counterpartyName ?? ''
    const tuple = `${line.valueDate}|${line.direction}|${new Decimal(line.amount).toFixed()}|${party}`
    const occurrence = (seen.get(tuple) ?? 0) + 1
    seen.set(tuple, occurrence)
    return `dac:${tuple}|${occurrence}`.slice(0, 240)
  })
}
