import db from '@adonisjs/lucid/services/db'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'

/**
 * Audit verification speed: appends `rows` audit rows shaped like postings' (a ~1 KB journal view
 * in `after`) through the database's own audit_append, then times a full verification from every
 * genesis and an incremental one after `tail` more rows.
 */
export async function runAuditVerifyBench(options: {
  rows: number
  tail: number
  log: (line: string) => void
}) {
  const have = await db.from('audit_logs').count('* as n').first()
  const missing = Math.max(0, options.rows - Number(have.n))
  const seeded = performance.now()
  await append(missing)
  options.log(`seeded ${missing} audit rows in ${seconds(seeded)} s`)

  const full = performance.now()
  const report = await verifyAuditChains({ mode: 'full' })
  const fullSeconds = (performance.now() - full) / 1000
  options.log(
    `full verify: ${report.rowsChecked} rows in ${fullSeconds.toFixed(1)} s = ${Math.round(report.rowsChecked / fullSeconds)} rows/s (valid: ${report.valid})`
  )
  await append(options.tail)
  const incremental = performance.now()
  const tail = await verifyAuditChains({ mode: 'incremental' })
  options.log(
    `incremental verify after ${options.tail} more rows: ${tail.rowsChecked} rows in ${seconds(incremental)} s (valid: ${tail.valid})`
  )
}

const BATCH = 1000

async function append(rows: number) {
  for (let done = 0; done < rows; done += BATCH) {
    const count = Math.min(BATCH, rows - done)
    await db.transaction(async (trx) => {
      await trx.rawQuery(
        `SELECT audit_append(1, 'finance', '10.0.0.1', 'bench', NULL,
           (SELECT jsonb_agg(jsonb_build_object(
              'entityType', 'journal', 'entityId', (1000000 + i)::text, 'action', 'post_receipt',
              'before', NULL,
              'after', jsonb_build_object('id', 1000000 + i, 'kind', 'receipt', 'customerId', i % 10000,
                 'currency', 'CNY', 'amount', '12345.67', 'entryDate', '2026-11-03',
                 'memo', repeat('华东机械 预收款 ', 20),
                 'lines', jsonb_build_array(
                    jsonb_build_object('account', '1002', 'debit', '12345.67', 'credit', '0'),
                    jsonb_build_object('account', '2203', 'debit', '0', 'credit', '12345.67')))))
              FROM generate_series(1, ?) AS i))`,
        [count]
      )
    })
  }
}

function seconds(since: number) {
  return ((performance.now() - since) / 1000).toFixed(1)
}
