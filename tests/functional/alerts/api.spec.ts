import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { alertsOf, customerWithAlert, evaluator, postReceipt } from '#tests/support/alerts'
import { enabledRules } from '#modules/alerts/services/enabled_rules_cache'
import { route } from '#tests/support/route'

test.group('Alerts API: list, acknowledge, resolve, roles', () => {
  test('list with filters; sales see only their own customers; messages in the reader language', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const sales = await makeUser('sales')
    const otherSales = await makeUser('sales')
    const { customer, alert } = await customerWithAlert(client, finance.token, sales.user.id)

    const list = await expectStatus(
      getAs(
        client,
        finance.token,
        `${route('alerts.index')}?customerId=${customer.id}&status=open&severity=warning`
      ),
      200
    )
    assert.equal(list.body().meta.total, 1)
    const [item] = list.body().data
    assert.deepInclude(item, {
      id: alert.id,
      ruleCode: 'low_balance',
      severity: 'warning',
      status: 'open',
      subjectType: 'customer',
      customerId: customer.id,
    })
    assert.equal(item.message, '测试客户：可用余额 ¥10.00 低于预警线 ¥100.00')
    assert.equal(
      item.messages.en,
      '测试客户: available balance ¥10.00 is below the low-balance line ¥100.00'
    )
    const none = await getAs(
      client,
      finance.token,
      `${route('alerts.index')}?customerId=${customer.id}&severity=critical`
    )
    assert.equal(none.body().meta.total, 0)

    const own = await expectStatus(getAs(client, sales.token, route('alerts.index')), 200)
    assert.isTrue(own.body().data.every((a: any) => a.customerId === customer.id))
    assert.equal(own.body().meta.total, 1)
    const others = await expectStatus(getAs(client, otherSales.token, route('alerts.index')), 200)
    assert.equal(others.body().meta.total, 0)
    await expectStatus(
      getAs(client, otherSales.token, `${route('alerts.index')}?customerId=${customer.id}`),
      403
    )

    const executive = await makeUser('executive')
    await db.from('users').where('id', executive.user.id).update({ locale: 'en' })
    const english = await expectStatus(
      getAs(client, executive.token, `${route('alerts.index')}?customerId=${customer.id}`),
      200
    )
    assert.equal(english.body().data[0].message, item.messages.en)
    await expectStatus(getAs(client, finance.token, `${route('alerts.index')}?status=closed`), 422)
  })

  test('open → acknowledged → resolved, with who and when, audited; then a new alert may open', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const { customer, alert } = await customerWithAlert(client, finance.token, manager.user.id)

    const ack = await expectStatus(
      postAs(client, finance.token, route('alerts.acknowledge', { id: alert.id }), {
        note: '已联系客户',
      }),
      200
    )
    assert.deepInclude(ack.body(), { status: 'acknowledged', acknowledgedBy: finance.user.id })
    assert.isString(ack.body().acknowledgedAt)
    const again = await postAs(
      client,
      finance.token,
      route('alerts.acknowledge', { id: alert.id }),
      {}
    )
    again.assertStatus(409)
    assert.equal(again.body().errors[0].rule, 'invalid_transition')

    const resolved = await expectStatus(
      postAs(client, manager.token, route('alerts.resolve', { id: alert.id }), {
        note: '客户已补款',
      }),
      200
    )
    assert.deepInclude(resolved.body(), {
      status: 'resolved',
      resolvedBy: manager.user.id,
      resolutionNote: '客户已补款',
    })
    await expectStatus(
      postAs(client, manager.token, route('alerts.resolve', { id: alert.id }), {}),
      409
    )

    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'alert', entity_id: String(alert.id) })
      .orderBy('id')
    assert.deepEqual(
      audit.map((row: any) => [row.action, row.actor_id === null ? null : Number(row.actor_id)]),
      [
        ['open', null],
        ['acknowledge', finance.user.id],
        ['resolve', manager.user.id],
      ]
    )
    assert.equal(audit[2].before.status, 'acknowledged')
    assert.equal(audit[2].after.status, 'resolved')

    // Still below the line: once resolved, the next evaluation opens a new alert.
    const alerts = await evaluator()
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-05-02' })
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-05-03' })
    const rows = await alertsOf(customer.id)
    assert.deepEqual(
      rows.map((r) => r.status),
      ['resolved', 'open']
    )
  })

  test('who may do what', async ({ client, assert }) => {
    const finance = await makeUser('finance')
    const owner = await makeUser('sales')
    const { alert } = await customerWithAlert(client, finance.token, owner.user.id)
    for (const role of ['auditor', 'executive', 'admin'] as const) {
      const { token } = await makeUser(role)
      await expectStatus(getAs(client, token, route('alerts.index')), 200)
      await expectStatus(
        postAs(client, token, route('alerts.acknowledge', { id: alert.id }), {}),
        403
      )
    }
    const stranger = await makeUser('sales')
    await expectStatus(
      postAs(client, stranger.token, route('alerts.resolve', { id: alert.id }), {}),
      403
    )
    await expectStatus(
      postAs(client, owner.token, route('alerts.resolve', { id: alert.id }), {}),
      200
    )
    await expectStatus(
      postAs(client, owner.token, route('alerts.resolve', { id: 999999999 }), {}),
      404
    )
    await expectStatus(client.get(route('alerts.index')), 401)
    for (const role of ['finance', 'finance_manager', 'sales', 'auditor'] as const) {
      const { token } = await makeUser(role)
      await expectStatus(getAs(client, token, route('alert_rules.index')), 200)
      await expectStatus(postAs(client, token, route('alert_rules.store'), {}), 403)
    }
    const row = await db.from('alerts').where('id', alert.id).first()
    assert.equal(row.status, 'resolved')
  })

  test('rules CRUD (admin): defaults seeded, create, validate, update, disable, delete', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const list = await expectStatus(getAs(client, admin.token, route('alert_rules.index')), 200)
    const defaults = Object.fromEntries(list.body().data.map((r: any) => [r.code, r]))
    assert.deepInclude(defaults.installment_due_soon, { parameters: { days: 3 }, severity: 'info' })
    assert.deepInclude(defaults.stale_advance.parameters, { days: 90 })
    assert.deepInclude(defaults.approval_pending.parameters, { hours: 24 })
    assert.deepInclude(defaults.abnormal_receipt.parameters, {
      kind: 'receipt',
      multiple: '5',
      absoluteAmount: '1000000',
    })
    assert.isNull(defaults.low_balance.parameters.contractPercent)

    const bad = await postAs(client, admin.token, route('alert_rules.store'), {
      code: 'due_soon_7',
      ruleType: 'installment_due_soon',
      nameZh: '7 天内到期',
      nameEn: 'Due within 7 days',
      severity: 'info',
      parameters: { hours: 7 },
    })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].field, 'parameters.hours')
    const missing = await postAs(client, admin.token, route('alert_rules.store'), {
      code: 'due_soon_7',
      ruleType: 'installment_due_soon',
      nameZh: '7 天内到期',
      nameEn: 'Due within 7 days',
      severity: 'info',
    })
    missing.assertStatus(422)
    assert.equal(missing.body().errors[0].field, 'parameters.days')

    // A project-level low-balance rule: below 50 % of the contract.
    const created = await expectStatus(
      postAs(client, admin.token, route('alert_rules.store'), {
        code: `contract_half_${Date.now()}`,
        ruleType: 'low_balance',
        nameZh: '合同余额低于一半',
        nameEn: 'Contract balance below half',
        severity: 'info',
        parameters: { contractPercent: '50' },
        sendEmail: false,
      }),
      201
    )
    const rule = created.body()
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    const [project] = await db
      .table('projects')
      .insert({
        customer_id: customer.id,
        code: 'HALF-1',
        name: '合同',
        currency: 'CNY',
        status: 'active',
        contract_amount: '10000',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('*')
    await postReceipt(client, finance.token, {
      customerId: customer.id,
      projectId: project.id,
      amount: '4999.99',
      entryDate: '2025-05-01',
    })
    const alerts = await evaluator()
    await alerts.evaluateCustomer(customer.id, { asOf: '2025-05-01' })
    const raised = await alertsOf(customer.id)
    assert.deepEqual(
      raised.map((a) => [a.messageKey, a.subjectType, a.subjectId, a.params.threshold]),
      [['low_balance_project', 'project', Number(project.id), '¥5,000.00']]
    )

    const cachedIds = async () => {
      const rules = await enabledRules('posting')
      return rules.map((r) => r.id)
    }
    assert.include(await cachedIds(), Number(rule.id))
    const patched = await expectStatus(
      client
        .patch(route('alert_rules.update', { id: rule.id }))
        .bearerToken(admin.token)
        .json({ enabled: false, parameters: { contractPercent: '40' } }),
      200
    )
    assert.deepInclude(patched.body(), { enabled: false, parameters: { contractPercent: '40' } })
    // The in-memory rule cache was loaded above; the committed change must invalidate it at once.
    assert.notInclude(await cachedIds(), Number(rule.id))
    const inUse = await client
      .delete(route('alert_rules.destroy', { id: rule.id }))
      .bearerToken(admin.token)
    inUse.assertStatus(409)
    assert.equal(inUse.body().errors[0].rule, 'rule_in_use')

    const unused = await expectStatus(
      postAs(client, admin.token, route('alert_rules.store'), {
        code: `unused_${Date.now()}`,
        ruleType: 'duplicate_receipt',
        nameZh: '重复',
        nameEn: 'Duplicate',
        severity: 'warning',
        enabled: false,
      }),
      201
    )
    await expectStatus(
      client
        .delete(route('alert_rules.destroy', { id: unused.body().id }))
        .bearerToken(admin.token),
      204
    )
    const audit = await db
      .from('audit_logs')
      .where('entity_type', 'alert_rule')
      .whereIn('entity_id', [String(rule.id), String(unused.body().id)])
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      audit.map((a: any) => a.action),
      ['create', 'update', 'create', 'delete']
    )
  })
})
