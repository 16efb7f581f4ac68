import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { balanceOf, expectStatus, postAs } from '#tests/support/api'

async function forbidUnconfirmed(value: boolean) {
  await db.from('banking_settings').where('id', 1).update({ forbid_unconfirmed_use: value })
}

test.group('Banking: 到账确认 (receipt confirmation)', (group) => {
  group.each.teardown(() => forbidUnconfirmed(false))

  test('sales receipts wait; finance confirms, never the person who entered it', async ({
    client,
    assert,
  }) => {
    const sales = await makeUser('sales')
    const finance = await makeUser('finance')
    const customer = await makeCustomer({ salesOwnerId: sales.user.id })
    const receipt = await expectStatus(
      postAs(client, sales.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '1200.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    assert.deepInclude(await balanceOf(client, finance.token, customer.id), {
      balance: '1200.00',
      unconfirmed: '1200.00',
      confirmed: '0.00',
    })
    const bySales = await postAs(
      client,
      sales.token,
      `/api/v1/receipts/${receipt.body().id}/confirm`,
      {}
    )
    bySales.assertStatus(403)

    // a finance clerk's own receipt needs no confirmation row; another finance user may not confirm
    // what they entered themselves either
    const own = await expectStatus(
      postAs(client, finance.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '10.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const notAwaiting = await postAs(
      client,
      finance.token,
      `/api/v1/receipts/${own.body().id}/confirm`,
      {}
    )
    notAwaiting.assertStatus(409)
    assert.equal(notAwaiting.body().errors[0].rule, 'receipt_not_awaiting_confirmation')

    const confirmed = await postAs(
      client,
      finance.token,
      `/api/v1/receipts/${receipt.body().id}/confirm`,
      {}
    )
    confirmed.assertStatus(200)
    assert.include(confirmed.body(), {
      status: 'confirmed',
      method: 'finance',
      confirmedBy: finance.user.id,
    })
    const again = await postAs(
      client,
      finance.token,
      `/api/v1/receipts/${receipt.body().id}/confirm`,
      {}
    )
    again.assertStatus(409)
    assert.deepInclude(await balanceOf(client, finance.token, customer.id), {
      balance: '1210.00',
      unconfirmed: '0.00',
      confirmed: '1210.00',
    })
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'receipt_confirmation', entity_id: String(receipt.body().id) })
      .first()
    assert.equal(audit.action, 'confirm')
    assert.equal(Number(audit.actor_id), finance.user.id)
  })

  test('the database refuses a confirmation by the person who entered the receipt', async ({
    client,
    assert,
  }) => {
    const sales = await makeUser('sales')
    const customer = await makeCustomer({ salesOwnerId: sales.user.id })
    const receipt = await expectStatus(
      postAs(client, sales.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '5.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    await assert.rejects(
      () =>
        db.from('receipt_confirmations').where('journal_id', receipt.body().id).update({
          status: 'confirmed',
          method: 'finance',
          confirmed_by: sales.user.id,
        }),
      /check constraint/
    )
  })

  test('with the rule on, unconfirmed money can be neither applied nor refunded', async ({
    client,
    assert,
  }) => {
    const sales = await makeUser('sales')
    const finance = await makeUser('finance')
    const customer = await makeCustomer({ salesOwnerId: sales.user.id })
    const apply = (amount: string) =>
      postAs(client, finance.token, '/api/v1/applications', {
        customerId: customer.id,
        amount,
        currency: 'CNY',
        documentType: 'order',
        documentNo: 'SO-1',
      })
    await expectStatus(
      postAs(client, finance.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '300.00',
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
      201
    )
    const unconfirmed = await expectStatus(
      postAs(client, sales.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '700.00',
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
      201
    )
    await forbidUnconfirmed(true)
    const refused = await apply('300.01')
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].rule, 'unconfirmed_funds')
    assert.deepInclude(refused.body().errors[0].meta, {
      headroom: '300.00',
      unconfirmed: '700.00',
    })
    const refund = await postAs(client, finance.token, '/api/v1/refunds', {
      customerId: customer.id,
      amount: '400.00',
      currency: 'CNY',
    })
    refund.assertStatus(409)
    assert.equal(refund.body().errors[0].rule, 'unconfirmed_funds')
    await expectStatus(apply('300.00'), 201)

    // once finance confirms it, the money may be used
    await expectStatus(
      postAs(client, finance.token, `/api/v1/receipts/${unconfirmed.body().id}/confirm`, {}),
      200
    )
    await expectStatus(apply('700.00'), 201)
    await forbidUnconfirmed(false)
    assert.deepInclude(await balanceOf(client, finance.token, customer.id), {
      balance: '0.00',
      unconfirmed: '0.00',
    })
  })

  test('with the rule off the same application passes; reversing an unconfirmed receipt takes it out', async ({
    client,
    assert,
  }) => {
    const sales = await makeUser('sales')
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer({ salesOwnerId: sales.user.id })
    const receipt = await expectStatus(
      postAs(client, sales.token, '/api/v1/receipts', {
        customerId: customer.id,
        amount: '500.00',
        currency: 'CNY',
        channel: 'wechat',
      }),
      201
    )
    const request = await expectStatus(
      postAs(client, finance.token, `/api/v1/journals/${receipt.body().id}/reverse`, {
        reason: '录错',
      }),
      202
    )
    await expectStatus(
      postAs(client, manager.token, `/api/v1/approvals/${request.body().id}/approve`, {}),
      200
    )
    assert.deepInclude(await balanceOf(client, finance.token, customer.id), {
      balance: '0.00',
      unconfirmed: '0.00',
    })
    const row = await db
      .from('receipt_confirmations')
      .where('journal_id', receipt.body().id)
      .first()
    assert.equal(row.status, 'reversed')
  })
})
