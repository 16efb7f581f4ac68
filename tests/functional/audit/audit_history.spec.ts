import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

test.group('Audit log: history and export', () => {
  test("a record's state is reconstructed at any moment", async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const auditor = await makeUser('auditor')
    const created = await expectStatus(
      postAs(client, token, route('customers.store'), {
        code: unique('H'),
        name: '初始名称',
        defaultCurrency: 'CNY',
      }),
      201
    )
    const id = created.body().id
    const createdRow = await db
      .from('audit_logs')
      .where({ entity_type: 'customer', entity_id: String(id) })
      .first()
    const between = new Date(new Date(createdRow.occurred_at).getTime() + 1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await expectStatus(
      client
        .patch(route('customers.update', { id: id }))
        .bearerToken(token)
        .json({ name: '后来名称' }),
      200
    )

    const then = await getAs(
      client,
      auditor.token,
      `${route('audit_logs.history', { entityType: 'customer', id: id })}?at=${between.toISOString()}`
    )
    then.assertStatus(200)
    assert.equal(then.body().state.name, '初始名称')
    assert.lengthOf(then.body().changes, 1)
    const now = await getAs(
      client,
      auditor.token,
      route('audit_logs.history', { entityType: 'customer', id: id })
    )
    assert.equal(now.body().state.name, '后来名称')
    assert.deepEqual(
      now.body().changes.map((c: any) => c.action),
      ['create', 'update']
    )
    const before = await getAs(
      client,
      auditor.token,
      `${route('audit_logs.history', { entityType: 'customer', id: id })}?at=2000-01-01`
    )
    assert.isFalse(before.body().exists)
  })

  test('CSV export carries the rows and is itself audited', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const auditor = await makeUser('auditor')
    const created = await expectStatus(
      postAs(client, token, route('customers.store'), {
        code: unique('X'),
        name: '导出客户, "引号"',
        defaultCurrency: 'CNY',
      }),
      201
    )
    const response = await getAs(
      client,
      auditor.token,
      `${route('audit_logs.export')}?entityType=customer&entityId=${created.body().id}`
    )
    response.assertStatus(200)
    assert.match(response.header('content-type') ?? '', /text\/csv/)
    const text = response.text()
    assert.isTrue(text.startsWith('\uFEFFid,occurredAt,actorId'))
    const lines = text.trim().split('\r\n')
    assert.lengthOf(lines, 2)
    // The after-JSON is one CSV cell: JSON escapes the quote (\"), CSV doubles it (\"").
    assert.include(lines[1], '导出客户, \\""引号\\""')
    const exportRow = await db
      .from('audit_logs')
      .where({ action: 'export', actor_id: auditor.user.id })
      .first()
    assert.equal(exportRow.after.rows, 1)
    await expectStatus(getAs(client, token, route('audit_logs.export')), 403)
  })
})
