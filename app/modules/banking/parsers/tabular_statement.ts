import { Decimal } from 'decimal.js'
import { openTabular, TabularTooLarge, type TabularRow } from '#kernel/tabular/index'
import {
  draftLine,
  MAX_STATEMENT_LINES,
  parseDateText,
  parseMoneyText,
  statementOf,
  StatementUnreadable,
  unreadableAt,
  type BankLineDraft,
  type ParsedStatement,
  type StatementProblem,
} from '#modules/banking/parsers/bank_line_draft'
import { tabularProfile, type TabularProfile } from '#modules/banking/parsers/tabular_profiles'

const CREDIT_WORDS = /^(收入|收|贷|贷方|c|cr|credit|\+|入账|来账|已收钱)$/i
const DEBIT_WORDS = /^(支出|支|借|借方|d|dr|debit|-|出账|往账)$/i

/**
 * A CSV/XLSX statement through the shared tabular reader. Every row is checked; any unreadable
 * row refuses the whole file with its row, column, rule and message (nothing is stored).
 */
export async function parseTabularStatement(
  file: Buffer,
  profileName: TabularProfile
): Promise<ParsedStatement> {
  const profile = tabularProfile(profileName)
  const reader = await openTabular(file, { profile: profile.mapping, ...profile.options }).catch(
    (error: Error) => {
      if (error instanceof TabularTooLarge)
        throw unreadableAt(0, 'file', 'too_large', error.message)
      throw unreadableAt(0, 'header', 'header', error.message)
    }
  )
  const fields = reader.header.fieldIndex
  const hasDate = 'date' in fields || 'time' in fields
  const hasMoney = 'credit' in fields || 'debit' in fields || 'amount' in fields
  if (!hasDate || !hasMoney) {
    await reader.close()
    throw unreadableAt(
      reader.header.rowNumber,
      'header',
      'required',
      `the header needs a date column and an amount (or 借方/贷方) column (profile ${profileName})`
    )
  }
  const lines: BankLineDraft[] = []
  const problems: StatementProblem[] = []
  for await (const row of reader.rows) {
    if (profile.skipStatus?.test(row.values.status ?? '')) continue
    const line = rowToLine(row, problems)
    if (line) lines.push(line)
    if (lines.length > MAX_STATEMENT_LINES) break // refused whole by statementOf: read no further
  }
  if (problems.length) throw new StatementUnreadable(problems)
  return statementOf(profileName, {}, lines)
}

function rowToLine(row: TabularRow, problems: StatementProblem[]): BankLineDraft | null {
  const v = row.values
  const refuse = (column: string, rule: string, message: string) => {
    problems.push({ row: row.rowNumber, column, rule, message })
    return null
  }
  const when = parseDateText(v.date) ?? parseDateText(v.time)
  if (!when) return refuse('date', 'date', `"${v.date ?? v.time ?? ''}" is not a date`)
  const money = directionAndAmount(v)
  if (money === 'unreadable') return refuse('amount', 'amount', 'no readable amount in the row')
  if (money === null) return null // a neutral row (WeChat "/") or a zero amount moves nothing
  const time = when.time ?? (v.time && !parseDateText(v.time) ? v.time : null)
  return draftLine({
    valueDate: when.date,
    bookedAt: time,
    direction: money.direction,
    amount: money.amount,
    currency: v.currency?.replace(/^人民币$|^RMB$/i, 'CNY'),
    bankReference: v.reference,
    counterpartyName: v.counterpartyName,
    counterpartyAccount: v.counterpartyAccount?.replace(/\s/g, ''),
    memo: [v.summary, v.note, v.orderNo].filter((part) => part !== '/'),
    raw: Object.fromEntries(Object.entries(v).filter(([, text]) => text !== '')),
  })
}

type Money = { direction: 'credit' | 'debit'; amount: Decimal }

function directionAndAmount(v: Record<string, string>): Money | null | 'unreadable' {
  if ('credit' in v || 'debit' in v) {
    const credit = parseMoneyText(v.credit)
    const debit = parseMoneyText(v.debit)
    if (credit && !credit.isZero()) return signed(credit, 'credit')
    if (debit && !debit.isZero()) return signed(debit, 'debit')
    if ((credit || debit) && !('amount' in v)) return null
    if (!('amount' in v)) return 'unreadable'
  }
  const amount = parseMoneyText(v.amount)
  if (!amount) return 'unreadable'
  if (amount.isZero()) return null
  const word = (v.direction ?? '').trim()
  if (word === '/' || word === '其他') return null
  if (CREDIT_WORDS.test(word)) return { direction: 'credit', amount: amount.abs() }
  if (DEBIT_WORDS.test(word)) return { direction: 'debit', amount: amount.abs() }
  if (word !== '') return 'unreadable'
  return signed(amount, 'credit')
}

/** A negative amount in a column is money the other way (a reversal). */
function signed(amount: Decimal, direction: 'credit' | 'debit'): Money {
  if (amount.isNegative())
    return { direction: direction === 'credit' ? 'debit' : 'credit', amount: amount.abs() }
  return { direction, amount }
}
