import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, getAs } from '#tests/support/api'
import { route } from '#tests/support/route'

test.group('Banking: accounts and settings', (group) => {
  group.each.teardown(async () => {
    await db
      .from('banking_settings')
      .where('id', 1)
      .update({ auto_post_confidence: '0.950', match_window_days: 3 })
  })

  test('accounts: finance_manager registers one, once; finance may not', async ({
    client,
    assert,
  }) => {
    const manager = await makeUser('finance_manager')
    const finance = await makeUser('finance')
    const body = {
      name: '工行基本户',
      bankName: '工商银行',
      accountNo: unique('6222'),
      currency: 'cny',
    }
    const created = await expectStatus(
      client.post(route('bank_accounts.store')).bearerToken(manager.token).json(body),
      201
    )
    assert.include(created.body(), { currency: 'CNY', channel: 'bank_transfer', isActive: true })
    const again = await client
      .post(route('bank_accounts.store'))
      .bearerToken(manager.token)
      .json(body)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].rule, 'bank_account_exists')
    const denied = await client
      .post(route('bank_accounts.store'))
      .bearerToken(finance.token)
      .json({ ...body, accountNo: unique('6222') })
    denied.assertStatus(403)
    const list = await expectStatus(getAs(client, finance.token, route('bank_accounts.index')), 200)
    assert.isTrue(list.body().data.some((a: any) => a.id === created.body().id))
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'bank_account', entity_id: String(created.body().id) })
      .first()
    assert.equal(audit.action, 'create')
  })

  test('settings: validated, audited, a bad value writes nothing', async ({ client, assert }) => {
    const manager = await makeUser('finance_manager')
    const bad = await client
      .patch(route('bank_settings.update'))
      .bearerToken(manager.token)
      .json({ autoPostConfidence: '1.5', matchWindowDays: 40 })
    bad.assertStatus(422)
    assert.deepEqual(
      bad.body().errors.map((e: any) => e.field),
      ['autoPostConfidence', 'matchWindowDays']
    )
    const ok = await client
      .patch(route('bank_settings.update'))
      .bearerToken(manager.token)
      .json({ autoPostConfidence: '0.9', matchWindowDays: 5 })
    ok.assertStatus(200)
    assert.deepEqual(ok.body(), {
      autoPostConfidence: '0.900',
      matchWindowDays: 5,
      forbidUnconfirmedUse: false,
    })
    const shown = await expectStatus(getAs(client, manager.token, route('bank_settings.show')), 200)
    assert.equal(shown.body().autoPostConfidence, '0.900')
  })
})
