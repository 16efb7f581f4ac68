/**
 * Import benchmark (`npm run bench:import`, i.e. `node ace import:bench`): 10,000 customers and
 * 100,000 historical receipts written as XLSX (streamed), each uploaded (dry run: every row
 * validated, the posting rehearsed and rolled back) and committed in one transaction. Prints the
 * seconds of each step, rows/s and the peak RSS of this process (the file is streamed, so memory
 * should not grow with the row count). Runs against DATABASE_URL; codes are unique per run.
 */
import { mkdir } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import { systemActor } from '#kernel/actor'
import { ImportJobs } from '#modules/imports/services/import_jobs'

export interface ImportBenchOptions {
  customers: number
  receipts: number
  log: (line: string) => void
}

async function writeXlsx(
  path: string,
  header: string[],
  rows: (i: number) => unknown[],
  count: number
) {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false })
  const sheet = writer.addWorksheet('data')
  sheet.addRow(header).commit()
  for (let i = 0; i < count; i++) sheet.addRow(rows(i)).commit()
  sheet.commit()
  await writer.commit()
}

/** Samples RSS and the JS heap every 50 ms; `step()` returns the peaks since the last step. */
function peakRss() {
  const peaks = { rss: 0, heap: 0, stepRss: 0, stepHeap: 0 }
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage()
    peaks.rss = Math.max(peaks.rss, rss)
    peaks.heap = Math.max(peaks.heap, heapUsed)
    peaks.stepRss = Math.max(peaks.stepRss, rss)
    peaks.stepHeap = Math.max(peaks.stepHeap, heapUsed)
  }
  sample()
  const timer = setInterval(sample, 50)
  return {
    step() {
      sample()
      const seen = { rss: peaks.stepRss, heap: peaks.stepHeap }
      peaks.stepRss = 0
      peaks.stepHeap = 0
      sample()
      return seen
    },
    stop() {
      clearInterval(timer)
      sample()
      return peaks
    },
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`

type Sampler = ReturnType<typeof peakRss>

async function timed<T>(
  label: string,
  rows: number,
  log: ImportBenchOptions['log'],
  memory: Sampler,
  work: () => Promise<T>
) {
  memory.step()
  const started = performance.now()
  const result = await work()
  const seconds = (performance.now() - started) / 1000
  const peak = memory.step()
  log(
    `${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / seconds)
      .toString()
      .padStart(7)} rows/s  peak RSS ${mb(peak.rss)}, heap ${mb(peak.heap)}`
  )
  return result
}

export async function runImportBench(options: ImportBenchOptions) {
  const { log } = options
  const run = Date.now().toString(36)
  const dir = app.tmpPath('bench-import')
  await mkdir(dir, { recursive: true })
  const email = 'import-bench@bench.local'
  let user = await db.from('users').where('email', email).first()
  if (!user) {
    ;[user] = await db
      .table('users')
      .insert({
        email,
        password: 'x',
        full_name: 'Import bench',
        role: 'finance',
        is_active: true,
        locale: 'zh-CN',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('*')
  }
  const actor = systemActor('import:bench', { id: Number(user.id), role: 'finance' })
  const jobs = new ImportJobs()
  const baseline = process.memoryUsage().rss

  const customersFile = `${dir}/customers-${run}.xlsx`
  await writeXlsx(
    customersFile,
    ['客户编码', '客户名称', '币种', '信用额度', '部门'],
    (i) => [`BI${run}-${i}`, `导入测试客户${i}`, 'CNY', '50000.00', '华东'],
    options.customers
  )
  const receiptsFile = `${dir}/receipts-${run}.xlsx`
  await writeXlsx(
    receiptsFile,
    ['外部单号', '客户编码', '币种', '金额', '入账日期', '收款方式', '银行流水号', '备注'],
    (i) => [
      `BR${run}-${i}`,
      `BI${run}-${i % options.customers}`,
      'CNY',
      `${1000 + (i % 997)}.${String(i % 100).padStart(2, '0')}`,
      `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      '银行转账',
      `BK${run}-${i}`,
      '历史收款',
    ],
    options.receipts
  )
  const rss = peakRss()
  log(
    `files written (${options.customers} customers, ${options.receipts} receipts); RSS ${mb(process.memoryUsage().rss)}`
  )

  const customers = await timed(`customers: upload + dry run`, options.customers, log, rss, () =>
    jobs.upload(actor, { kind: 'customers', fileName: 'customers.xlsx', file: customersFile })
  )
  if (customers.status !== 'validated')
    throw new Error(
      `customers ${customers.status}: ${JSON.stringify(customers.errors.slice(0, 3))}`
    )
  const customersDone = await timed(`customers: commit`, options.customers, log, rss, () =>
    jobs.commit(actor, customers.id)
  )
  const receipts = await timed(`receipts: upload + dry run`, options.receipts, log, rss, () =>
    jobs.upload(actor, { kind: 'receipts', fileName: 'receipts.xlsx', file: receiptsFile })
  )
  if (receipts.status !== 'validated')
    throw new Error(`receipts ${receipts.status}: ${JSON.stringify(receipts.errors.slice(0, 3))}`)
  const receiptsDone = await timed(`receipts: commit`, options.receipts, log, rss, () =>
    jobs.commit(actor, receipts.id)
  )
  const again = await timed(`receipts: same file again`, options.receipts, log, rss, () =>
    jobs.upload(actor, { kind: 'receipts', fileName: 'receipts.xlsx', file: receiptsFile })
  )
  const peak = rss.stop()
  log(
    `posted: ${customersDone.postedRows} customers, ${receiptsDone.postedRows} receipts; re-upload → job ${again.id} (${'duplicateOf' in again ? 'duplicate, nothing posted' : again.status})`
  )

  const check = await db.rawQuery(
    `SELECT
       (SELECT count(*) FROM customer_balances b JOIN customers c ON c.id = b.customer_id
         WHERE c.code LIKE ? AND b.balance <> (SELECT coalesce(sum(l.credit - l.debit), 0) FROM journal_lines l
           WHERE l.customer_id = b.customer_id AND l.currency = b.currency AND l.account_code = '2203')) AS off_balances,
       (SELECT count(*) FROM journals j WHERE j.created_by = ? AND (SELECT sum(debit) - sum(credit) FROM journal_lines l WHERE l.journal_id = j.id) <> 0) AS unbalanced,
       (SELECT count(*) FROM audit_logs WHERE action = 'post_receipt' AND (after->>'importJobId')::bigint = ?) AS audit_rows`,
    [`BI${run}-%`, user.id, receipts.id]
  )
  const facts = check.rows[0]
  log(
    `ledger check: ${facts.off_balances} balances off their lines, ${facts.unbalanced} unbalanced journals, ${facts.audit_rows} receipt audit rows`
  )
  log(
    `peak RSS ${mb(peak.rss)}, heap ${mb(peak.heap)} while importing (RSS at start ${mb(baseline)}); run \`node ace audit:verify\` to check the hash chains`
  )
}
