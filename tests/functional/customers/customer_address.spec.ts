import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

test.group('Customers: the address and English name statements print', () => {
  test('kept through the API, audited, and refused when too long', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const code = unique('ADDR')
    const created = await expectStatus(
      postAs(client, token, route('customers.store'), {
        code,
        name: '华东机械有限公司',
        defaultCurrency: 'CNY',
        address: '上海市浦东新区张江路 1 号',
      }),
      201
    )
    const id = created.body().id
    assert.equal(created.body().address, '上海市浦东新区张江路 1 号')
    assert.isNull(created.body().nameEn)

    await expectStatus(
      client
        .patch(route('customers.update', { id }))
        .bearerToken(token)
        .json({ nameEn: 'East China Machinery Co., Ltd.' }),
      200
    )
    const shown = await expectStatus(getAs(client, token, route('customers.show', { id })), 200)
    assert.equal(shown.body().nameEn, 'East China Machinery Co., Ltd.')
    assert.equal(shown.body().address, '上海市浦东新区张江路 1 号')
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'customer', entity_id: String(id), action: 'update' })
      .first()
    assert.equal(audit.after.nameEn, 'East China Machinery Co., Ltd.')

    const refused = await expectStatus(
      client
        .patch(route('customers.update', { id }))
        .bearerToken(token)
        .json({ address: 'x'.repeat(301) }),
      422
    )
    assert.equal(refused.body().errors[0].field, 'address')
    const row = await db.from('customers').where('id', id).first()
    assert.equal(row.address, '上海市浦东新区张江路 1 号')
  })
})
