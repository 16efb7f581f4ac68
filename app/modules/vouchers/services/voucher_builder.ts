import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Conflict } from '#kernel/errors'
import { company } from '#kernel/company'
import { Money, formatAmount } from '#kernel/money/money'
import { plainDateOf } from '#modules/prepayments/public'

/** One entry (分录) of a voucher, amounts as decimal strings (借/贷 in the base currency). */
export interface VoucherLine {
  accountCode: string
  externalCode: string
  externalName: string | null
  debit: string
  credit: string
  currency: string
  exchangeRate: string
  /** the amount in its own currency (原币金额) */
  original: string
  customerCode: string | null
  customerName: string | null
  projectCode: string | null
  projectName: string | null
}

export interface Voucher {
  /** 凭证号, counted per month from 1 in this export */
  number: number
  date: string
  summary: string
  lines: VoucherLine[]
}

export type VoucherMode = 'journal' | 'daily'

interface MappedAccount {
  external_code: string
  external_name: string | null
  customer_aux: boolean
  project_aux: boolean
}

const KIND_ZH: Record<string, string> = {
  receipt: '收款',
  application: '核销',
  refund: '退款',
  adjustment: '调整',
  reversal: '红冲',
}

/**
 * Reads the ledger lines of a date range (up to a ledger position) and makes vouchers: one per
 * journal, or one per day with the lines summed per account × direction × auxiliary × currency ×
 * rate. Every account used needs a mapping (科目对照), or the export is refused naming it; every
 * voucher balances (借 = 贷), which is asserted before anything is written.
 */
export async function buildVouchers(
  client: QueryClientContract,
  range: { from: string; to: string; position: number; mode: VoucherMode }
): Promise<Voucher[]> {
  const rows = await readLines(client, range)
  const mapping = await readMapping(client)
  const unmapped = [...new Set(rows.map((row) => row.account_code))].filter((c) => !mapping.has(c))
  if (unmapped.length) {
    throw new Conflict(
      'account_unmapped',
      `科目 ${unmapped.join(', ')} 未设置对照科目编码 (no mapping to the ERP chart): map it in 科目对照 first`,
      { accounts: unmapped },
      'accountMapping'
    )
  }
  const lines = rows.map((row) => ({ row, line: lineOf(row, mapping.get(row.account_code)!) }))
  const groups = range.mode === 'journal' ? byJournal(lines) : byDay(lines)
  const perMonth = new Map<string, number>()
  return groups.map((group) => {
    const month = group.date.slice(0, 7)
    const number = (perMonth.get(month) ?? 0) + 1
    perMonth.set(month, number)
    const voucher = { number, ...group }
    assertBalanced(voucher)
    return voucher
  })
}

type Row = Record<string, any>

async function readLines(
  client: QueryClientContract,
  range: { from: string; to: string; position: number }
) {
  const result = await client.rawQuery(
    `SELECT j.id AS journal_id, j.journal_no, j.kind, j.entry_date, j.currency, j.exchange_rate,
            j.document_no, c.code AS customer_code, c.name AS customer_name,
            p.code AS project_code, p.name AS project_name,
            l.line_no, l.account_code, l.debit, l.credit, l.base_debit, l.base_credit
       FROM journals j
       JOIN journal_lines l ON l.journal_id = j.id
       JOIN customers c ON c.id = j.customer_id
       LEFT JOIN projects p ON p.id = j.project_id
      WHERE j.entry_date BETWEEN ? AND ? AND j.id <= ?
      ORDER BY j.entry_date, j.id, l.line_no`,
    [range.from, range.to, range.position]
  )
  return result.rows as Row[]
}

async function readMapping(client: QueryClientContract) {
  const result = await client.rawQuery('SELECT * FROM voucher_account_map')
  return new Map<string, MappedAccount>(result.rows.map((row: Row) => [row.account_code, row]))
}

function lineOf(row: Row, mapped: MappedAccount): VoucherLine {
  const base = company.baseCurrency
  const isDebit = !new Money(row.debit).isZero()
  return {
    accountCode: row.account_code,
    externalCode: mapped.external_code,
    externalName: mapped.external_name,
    debit: formatAmount(row.base_debit, base),
    credit: formatAmount(row.base_credit, base),
    currency: row.currency,
    exchangeRate: new Money(row.exchange_rate).toString(),
    original: formatAmount(isDebit ? row.debit : row.credit, row.currency),
    customerCode: mapped.customer_aux ? row.customer_code : null,
    customerName: mapped.customer_aux ? row.customer_name : null,
    projectCode: mapped.project_aux ? row.project_code : null,
    projectName: mapped.project_aux ? row.project_name : null,
  }
}

type Group = Omit<Voucher, 'number'>

function byJournal(lines: Array<{ row: Row; line: VoucherLine }>): Group[] {
  const groups = new Map<number, Group>()
  for (const { row, line } of lines) {
    let group = groups.get(row.journal_id)
    if (!group) {
      const summary = [
        KIND_ZH[row.kind] ?? row.kind,
        row.customer_name,
        row.journal_no,
        row.document_no,
      ]
      const text = summary.filter(Boolean).join(' ').slice(0, 60)
      group = { date: plainDateOf(row.entry_date), summary: text, lines: [] }
      groups.set(row.journal_id, group)
    }
    group.lines.push(line)
  }
  return [...groups.values()]
}

/** Per day: lines of one account, direction, auxiliaries, currency and rate summed. */
function byDay(lines: Array<{ row: Row; line: VoucherLine }>): Group[] {
  const days = new Map<string, { journals: Set<number>; lines: Map<string, VoucherLine> }>()
  for (const { row, line } of lines) {
    const date = plainDateOf(row.entry_date)
    const day = days.get(date) ?? { journals: new Set<number>(), lines: new Map() }
    days.set(date, day)
    day.journals.add(row.journal_id)
    const side = new Money(line.debit).isZero() ? 'C' : 'D'
    const key = [
      line.accountCode,
      side,
      line.customerCode,
      line.projectCode,
      line.currency,
      line.exchangeRate,
    ].join('|')
    const sum = day.lines.get(key)
    day.lines.set(key, sum ? added(sum, line) : { ...line })
  }
  return [...days.entries()].map(([date, day]) => ({
    date,
    summary: `${date} 预收款业务汇总 ${day.journals.size} 笔`,
    lines: [...day.lines.values()],
  }))
}

function added(sum: VoucherLine, line: VoucherLine): VoucherLine {
  const base = company.baseCurrency
  const plus = (a: string, b: string, currency: string) =>
    formatAmount(new Money(a).plus(b), currency)
  return {
    ...sum,
    debit: plus(sum.debit, line.debit, base),
    credit: plus(sum.credit, line.credit, base),
    original: plus(sum.original, line.original, line.currency),
  }
}

/** An invariant, not a refusal: the ledger only holds balanced journals. */
function assertBalanced(voucher: Voucher) {
  const total = (pick: (line: VoucherLine) => string) =>
    voucher.lines.reduce((sum, line) => sum.plus(pick(line)), new Money(0))
  if (!total((l) => l.debit).eq(total((l) => l.credit))) {
    throw new Error(`voucher ${voucher.date} #${voucher.number} does not balance`)
  }
}
