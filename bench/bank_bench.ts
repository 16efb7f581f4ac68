import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { BankMatcher } from '#modules/banking/services/bank_matcher'
import { StatementImportService } from '#modules/banking/services/statement_import_service'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { seedBankBench } from './bank_seed.js'

export interface BankBenchOptions {
  customers: number
  receipts: number
  lines: number
  log: (line: string) => void
}

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(2)

/**
 * 10,000 statement lines against 1,000,000 registered receipts (goal: matched in < 10 s). The
 * statement is a Chinese bank CSV; its lines are, in this order of share: receipts' own bank
 * references (70%), a learned payer account with a receipt of that amount within the window (15%),
 * a customer code in the memo (10%), a payer name (3%: two in three as registered, one in three
 * only similar), a learned payer
 * account with no receipt (1%: posted automatically), nobody (1%).
 */
export async function runBankBench(options: BankBenchOptions) {
  const { log } = options
  const seeded = await db.from('journals').where('journal_no', 'like', 'JB%').count('* as n')
  if (Number(seeded[0].n) < options.receipts)
    await seedBankBench(options.customers, options.receipts, log)
  else log(`reusing ${seeded[0].n} seeded receipts`)
  const user = await db.from('users').where('email', 'bench-finance@bench.local').first()
  const actor = systemActor('bench:bank', { id: Number(user.id), role: 'finance' })
  const [account] = await db
    .table('bank_accounts')
    .insert({
      name: 'bench',
      account_no: `BENCH-${Date.now()}`,
      currency: 'CNY',
      channel: 'bank_transfer',
    })
    .returning('*')
  const file = await statementFile(options.lines)
  log(`statement: ${options.lines} lines, ${(file.length / 1024).toFixed(0)} KiB CSV`)

  const started = Date.now()
  const imported = await runInTransaction(actor, (uow) =>
    new StatementImportService().import(uow, {
      bankAccountId: Number(account.id),
      file,
      fileName: 'bench.csv',
    })
  )
  const storedIn = seconds(started)
  const matchStart = Date.now()
  const matcher = await app.container.make(BankMatcher)
  const summary = await matcher.matchLines(actor, imported.newLineIds)
  log(`parse + store: ${storedIn} s (${imported.newLineIds.length} new lines)`)
  log(
    `matching: ${seconds(matchStart)} s — linked ${summary.linked}, auto-posted ${summary.autoPosted}, suggested ${summary.suggested}, unmatched ${summary.unmatched}, refused ${summary.autoPostRefused}`
  )
  log(
    `total: ${seconds(started)} s for ${options.lines} lines against ${options.receipts} receipts (goal < 10 s)`
  )
  const check = await new LedgerQueries().verifyBalances()
  const clean =
    check.customers.length + check.projects.length + check.unbalancedJournals.length === 0
  log(`ledger:check ${clean ? 'passed' : 'FAILED'}`)
  const drift = await db.rawQuery(`
    SELECT count(*) AS n FROM customer_balances b
     WHERE b.unconfirmed <> coalesce((SELECT sum(amount) FROM receipt_confirmations rc
                                       WHERE rc.customer_id = b.customer_id AND rc.currency = b.currency
                                         AND rc.status = 'unconfirmed'), 0)`)
  log(
    `unconfirmed amounts equal their open receipts: ${Number(drift.rows[0].n) === 0 ? 'yes' : 'NO'}`
  )
  if (!clean || Number(drift.rows[0].n) !== 0)
    throw new Error('the bench left an inconsistent ledger')
}

async function statementFile(total: number): Promise<Buffer> {
  const run = Date.now().toString(36)
  const share = (part: number) => Math.floor(total * part)
  const rows: string[] = ['交易日期,贷方金额,借方金额,对方户名,对方账号,附言,流水号']
  const row = (
    date: string,
    amount: string,
    name: string,
    acct: string,
    memo: string,
    ref: string
  ) => rows.push([date, amount, '', name, acct, memo, ref].join(','))
  const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10)
  const sample = await db.rawQuery(
    `SELECT j.bank_reference, j.amount, j.entry_date, j.customer_id, c.name, c.code
       FROM journals j JOIN customers c ON c.id = j.customer_id
      WHERE j.journal_no LIKE 'JB%' AND (j.id + ?) % 89 = 0 AND j.customer_id % 4 <> 0
        AND NOT EXISTS (SELECT 1 FROM bank_line_matches m WHERE m.journal_id = j.id)
      ORDER BY j.id LIMIT ?`,
    [Date.now() % 89, share(0.7) + share(0.1) + share(0.03)]
  )
  const byAccount = await db.rawQuery(
    `SELECT DISTINCT ON (j.customer_id) j.amount, j.entry_date, j.customer_id
       FROM journals j WHERE j.journal_no LIKE 'JB%' AND j.customer_id % 4 = 0
        AND NOT EXISTS (SELECT 1 FROM bank_line_matches m WHERE m.journal_id = j.id)
      ORDER BY j.customer_id, j.id LIMIT ?`,
    [share(0.15) + share(0.01)]
  )
  const refs = sample.rows.slice(0, share(0.7))
  for (const r of refs) row(day(r.entry_date), r.amount, r.name, '', '货款', r.bank_reference)
  const amountDate = byAccount.rows.slice(0, share(0.15))
  for (const [i, r] of amountDate.entries())
    row(day(r.entry_date), r.amount, '', `PA${r.customer_id}`, '预付款', `${run}-AD${i}`)
  const codes = sample.rows.slice(share(0.7), share(0.7) + share(0.1))
  for (const [i, r] of codes.entries())
    row('2026-11-20', `${1000 + i}.37`, '', '', `${r.code} 预付`, `${run}-CD${i}`)
  const names = sample.rows.slice(share(0.7) + share(0.1))
  // two in three as registered (company form aside), one in three only similar
  for (const [i, r] of names.entries()) {
    const name = i % 3 === 2 ? r.name.replace('有限公司', '厂') : r.name.replace('有限公司', '')
    row('2026-11-20', `${2000 + i}.11`, name, '', '', `${run}-NM${i}`)
  }
  for (const [i, r] of byAccount.rows.slice(share(0.15)).entries()) {
    row('2026-11-21', `${3000 + i}.29`, '', `PA${r.customer_id}`, '', `${run}-AP${i}`)
  }
  while (rows.length <= total)
    row('2026-11-22', `${rows.length}.01`, '陌生付款人', '', '', `${run}-UK${rows.length}`)
  return Buffer.from(rows.join('\n') + '\n')
}
