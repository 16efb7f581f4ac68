import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { postAs, expectStatus } from '#tests/support/api'
import { route } from '#tests/support/route'
import { checkLedger, problemCount } from '#modules/prepayments/services/ledger_check'

/** Runs `sql` with the triggers off (immutability, balance at commit), as a tamperer would. */
async function behindTheTriggers(sql: string, bindings: unknown[]) {
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    await trx.rawQuery(sql, bindings as any)
  })
}

async function lastLineId() {
  const result = await db.rawQuery('SELECT coalesce(max(id), 0) AS id FROM journal_lines')
  return Number(result.rows[0].id)
}

test.group('ledger:check: from the last checkpoint, or --full', () => {
  test('a check that passes records where it stopped; the next reads only what came since', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const receipt = (amount: string) =>
      expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          amount,
          currency: 'CNY',
          channel: 'cash',
        }),
        201
      )
    await receipt('100.00')
    const full = await checkLedger({ full: true })
    assert.equal(full.mode, 'full')
    assert.equal(problemCount(full), 0)
    assert.equal(full.checkpoint, await lastLineId())
    const totals = await db
      .from('ledger_check_totals')
      .join('ledger_check_points', 'ledger_check_points.id', 'ledger_check_totals.point_id')
      .where({ 'ledger_check_points.line_id': full.checkpoint, 'scope': 'customer' })
      .where({ key_id: customer.id, currency: 'CNY' })
      .first()
    assert.equal(totals.total, '100.0000')

    await receipt('25.50')
    const incremental = await checkLedger()
    assert.equal(incremental.mode, 'incremental')
    assert.equal(incremental.fromLineId, full.checkpoint)
    assert.equal(incremental.linesRead, 2)
    assert.equal(problemCount(incremental), 0)
    assert.equal(incremental.checkpoint, await lastLineId())
  })

  test('the incremental check finds a wrong balance and a new unbalanced journal; an old line needs --full', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const post = async (amount: string) => {
      const response = await expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          amount,
          currency: 'CNY',
          channel: 'cash',
        }),
        201
      )
      return response.body().id as number
    }
    const old = await post('300.00')
    assert.equal(problemCount(await checkLedger({ full: true })), 0)
    const fresh = await post('40.00')

    const line = `UPDATE journal_lines SET debit = ?, base_debit = ? WHERE journal_id = ? AND line_no = 1`
    const balance = `UPDATE customer_balances SET balance = balance + ? WHERE customer_id = ?`
    await behindTheTriggers(line, ['41.0000', '41.0000', fresh])
    await behindTheTriggers(balance, ['0.01', customer.id])
    try {
      const found = await checkLedger()
      assert.equal(found.mode, 'incremental')
      assert.deepEqual(
        found.unbalancedJournals.map((r) => Number(r.journal_id)),
        [fresh]
      )
      assert.deepEqual(
        found.customers.map((r) => [Number(r.customer_id), r.recorded, r.computed]),
        [[customer.id, '340.0100', '340.0000']]
      )
      assert.isNull(found.checkpoint)
    } finally {
      await behindTheTriggers(line, ['40.0000', '40.0000', fresh])
      await behindTheTriggers(balance, ['-0.01', customer.id])
    }
    assert.equal(problemCount(await checkLedger()), 0)

    // a line before the checkpoint changed: only the full check reads it again
    await behindTheTriggers(line, ['299.0000', '299.0000', old])
    try {
      assert.equal(problemCount(await checkLedger()), 0)
      const full = await checkLedger({ full: true })
      assert.deepInclude(
        full.unbalancedJournals.map((r) => Number(r.journal_id)),
        old
      )
    } finally {
      await behindTheTriggers(line, ['300.0000', '300.0000', old])
    }
    assert.equal(problemCount(await checkLedger({ full: true })), 0)
  })
  test('a roll-up month that disagrees with its keys is found, fully and incrementally', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const post = (amount: string) =>
      expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          amount,
          currency: 'CNY',
          channel: 'cash',
        }),
        201
      )
    await post('80.00')
    assert.equal(problemCount(await checkLedger({ full: true })), 0)
    const month = `UPDATE ledger_rollup_months SET closing = closing + ?
                    WHERE customer_id = ? AND project_id = -1`
    await behindTheTriggers(month, ['0.01', customer.id])
    try {
      const full = await checkLedger({ full: true })
      assert.deepEqual(
        full.monthlyBalances.map((r) => [r.problem, Number(r.customer_id), r.closing]),
        [
          ['roll-up missing or different', customer.id, '80.0000'],
          ['roll-up not in the keys', customer.id, '80.0100'],
        ]
      )
      await post('1.00') // the incremental check reads the customers the new lines touched
      const incremental = await checkLedger()
      assert.equal(incremental.mode, 'incremental')
      assert.deepEqual(
        incremental.monthlyBalances.map((r) => [r.problem, r.closing, r.computed]),
        [['customer closing differs from the lines', '81.0100', '81.0000']]
      )
    } finally {
      await behindTheTriggers(month, ['-0.01', customer.id])
    }
    assert.equal(problemCount(await checkLedger({ full: true })), 0)
  })
})
