import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { makeBankAccount, nameCustomer } from '#tests/support/banking'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

test.group('Banking: a linked receipt later reversed', () => {
  test('the line returns to the queue, counts as unregistered, and can be confirmed again', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const account = await makeBankAccount()
    const customer = await makeCustomer()
    await nameCustomer(customer.id, unique('回款测试'))
    const ref = unique('RV')
    const upload = await client
      .post(route('bank_statements.store'))
      .bearerToken(finance.token)
      .file(
        'file',
        Buffer.from(`交易日期,贷方金额,对方户名,流水号\n2019-07-08,"6,000.00",无名付款人,${ref}\n`),
        {
          filename: `${ref}.csv`,
        }
      )
      .field('bankAccountId', String(account.id))
    upload.assertStatus(201)
    const line = await db
      .from('bank_lines')
      .where('statement_id', upload.body().statementId)
      .firstOrFail()
    const first = await expectStatus(
      postAs(client, finance.token, route('bank_lines.confirm', { id: line.id }), {
        customerId: customer.id,
      }),
      200
    )
    assert.equal(first.body().status, 'matched')
    const receiptId = first.body().matches[0].journalId
    const period = `bankAccountId=${account.id}&from=2019-07-01&to=2019-07-31`
    const before = await getAs(client, finance.token, `${route('reconciliation.show')}?${period}`)
    assert.equal(before.body().unregisteredCredits.total, '0.00')

    // 红冲 the receipt the line proved (approved by a finance manager)
    const request = await expectStatus(
      postAs(client, finance.token, route('journals.reverse', { id: receiptId }), {
        reason: '客户错',
      }),
      202
    )
    await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: request.body().id }), {}),
      200
    )
    const reopened = await db.from('bank_lines').where('id', line.id).firstOrFail()
    assert.equal(reopened.status, 'unmatched')
    assert.match(reopened.status_note, new RegExp(`linked journal ${receiptId} reversed`))
    assert.equal(reopened.amount, '6000.0000')
    const open = await getAs(
      client,
      finance.token,
      `${route('bank_lines.index')}?status=open&bankAccountId=${account.id}`
    )
    assert.deepEqual(
      open.body().data.map((l: any) => l.id),
      [Number(line.id)]
    )
    const after = await getAs(client, finance.token, `${route('reconciliation.show')}?${period}`)
    assert.equal(after.body().unregisteredCredits.total, '6000.00')
    assert.equal(after.body().unregisteredCredits.rows[0].status, 'unmatched')

    // the queue can act on it again: the right customer this time, once
    const other = await makeCustomer()
    const again = await expectStatus(
      postAs(client, finance.token, route('bank_lines.confirm', { id: line.id }), {
        customerId: other.id,
      }),
      200
    )
    assert.equal(again.body().status, 'matched')
    // the old link stays (links are immutable) beside the new one, which proves the line now
    const [old, fresh] = again.body().matches
    assert.equal(old.journalId, receiptId)
    assert.notEqual(fresh.journalId, receiptId)
    assert.deepInclude(fresh, { customerId: other.id, amount: '6000.00' })
    assert.include(await balanceOf(client, finance.token, other.id), { balance: '6000.00' })
    assert.include(await balanceOf(client, finance.token, customer.id), { balance: '0.00' })
    const shown = await getAs(client, finance.token, route('bank_lines.show', { id: line.id }))
    assert.deepEqual(
      shown.body().matches.map((m: any) => [m.journalId, m.reversed]),
      [
        [receiptId, true],
        [fresh.journalId, false],
      ]
    )
    const twice = await postAs(
      client,
      finance.token,
      route('bank_lines.confirm', { id: line.id }),
      {
        customerId: other.id,
      }
    )
    twice.assertStatus(409)
    const settled = await getAs(client, finance.token, `${route('reconciliation.show')}?${period}`)
    assert.equal(settled.body().unregisteredCredits.total, '0.00')
    assert.equal(settled.body().bank.credits.matched, '6000.00')
  })
})
