import { test } from '@japa/runner'
import { makeUser, unique } from '#tests/support/fixtures'
import { getAs, postAs, expectStatus } from '#tests/support/api'
import { route } from '#tests/support/route'

test.group('Customers and projects', () => {
  test('create, read, update a customer; add a project', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const code = unique('CUS')
    const created = await postAs(client, token, route('customers.store'), {
      code,
      name: '华东机械有限公司',
      contactEmail: 'cw@example.com',
      defaultCurrency: 'CNY',
      creditLimit: '50000',
      lowBalanceThreshold: '200000.00',
      customFields: { 行业: '机械' },
    })
    created.assertStatus(201)
    // The requested limit awaits approval like any change (see the hardening tests).
    assert.equal(created.body().creditLimit, '0.00')
    assert.equal(created.body().creditLimitApproval.status, 'pending')
    assert.equal(created.body().lowBalanceThreshold, '200000.00')
    const id = created.body().id
    await expectStatus(
      postAs(client, token, route('customers.store'), {
        code,
        name: 'dup',
        defaultCurrency: 'CNY',
      }),
      409
    )
    const project = await postAs(client, token, route('customers.projects.store', { id: id }), {
      code: 'HT-2026-017',
      name: '合同',
      contractAmount: '1200000.00',
    })
    project.assertStatus(201)
    assert.equal(project.body().contractAmount, '1200000.00')
    const shown = await getAs(client, token, route('customers.show', { id: id }))
    assert.equal(shown.body().projects[0].code, 'HT-2026-017')
    assert.deepEqual(shown.body().customFields, { 行业: '机械' })
    // Deactivation needs approval (202); the finance manager approves it.
    const patched = await client
      .patch(route('customers.update', { id: id }))
      .bearerToken(token)
      .json({ status: 'inactive' })
    patched.assertStatus(202)
    assert.equal(patched.body().actionType, 'customer_deactivation')
    const manager = await makeUser('finance_manager')
    const approved = await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: patched.body().id }), {}),
      200
    )
    assert.equal(approved.body().result.status, 'inactive')
    const renamed = await client
      .patch(route('customers.update', { id: id }))
      .bearerToken(token)
      .json({ name: '新名称' })
    renamed.assertStatus(200)
    assert.equal(renamed.body().name, '新名称')
    await expectStatus(getAs(client, token, route('customers.show', { id: 999999999 })), 404)
  })

  test('bad customer input → 422 naming the field', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const bad = await postAs(client, token, route('customers.store'), {
      code: 'x y',
      name: '',
      defaultCurrency: 'ZZZ',
      creditLimit: '1.001',
    })
    bad.assertStatus(422)
    const fields = bad
      .body()
      .errors.map((e: any) => e.field)
      .sort()
    assert.includeMembers(fields, ['code', 'defaultCurrency', 'name'])
    const decimals = await postAs(client, token, route('customers.store'), {
      code: unique('D'),
      name: 'n',
      defaultCurrency: 'CNY',
      creditLimit: '1.001',
    })
    decimals.assertStatus(422)
    assert.equal(decimals.body().errors[0].field, 'creditLimit')
  })
})

test.group('Customer search', () => {
  test('% and _ in the search text match themselves, not any text', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const code = unique('PCT')
    await expectStatus(
      postAs(client, token, route('customers.store'), {
        code,
        name: `百分之百_${code}`,
        defaultCurrency: 'CNY',
      }),
      201
    )
    const search = async (q: string) => {
      const response = await getAs(
        client,
        token,
        `${route('customers.index')}?perPage=200&q=${encodeURIComponent(q)}`
      )
      response.assertStatus(200)
      return response.body().data.map((c: { code: string }) => c.code) as string[]
    }
    assert.deepEqual(await search(`百分之百_${code}`), [code])
    assert.deepEqual(await search(`百分之百%${code}`), [])
    assert.notInclude(await search('%'), code)
    assert.notInclude(await search('百分之百__'), code)
  })
})
