import { test } from '@japa/runner'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { getAs, postAs } from '#tests/support/api'
import { outboxSettled } from '#tests/support/outbox'
import { OpenApiValidator, validateResponsesWith } from '#tests/support/openapi_validator'

/**
 * Real answers of the API validated against the OpenAPI document (ajv, 2020-12): each family of
 * calls — reads, writes, approvals, webhooks, audit, banking, reports — and its error answers.
 * Every response these tests receive passes through the validator (an api-client teardown hook).
 */
let validator: OpenApiValidator | null = null

function report(assert: any) {
  const failures = validator!.failures()
  assert.deepEqual(
    failures.map((f) => `${f.key} → ${f.status}: ${f.errors.join('; ')}`),
    [],
    'responses that do not match the document'
  )
}

test.group('OpenAPI: real responses match the document', (group) => {
  group.each.setup(() => {
    validator = new OpenApiValidator()
    const previous = validateResponsesWith(validator)
    return () => {
      validator = null
      validateResponsesWith(previous.validator, previous.strict)
    }
  })

  test('auth, customers, postings, approvals, ledger, periods, rates', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    await postAs(client, '', '/api/v1/auth/tokens', { email: finance.user.email, password: 'x' })
    await postAs(client, '', '/api/v1/auth/tokens', {
      email: finance.user.email,
      password: finance.password,
    })
    await getAs(client, finance.token, '/api/v1/me')
    await client.get('/api/v1/me') // 401
    const created = await postAs(client, finance.token, '/api/v1/customers', {
      code: unique('OA'),
      name: '文档客户',
      defaultCurrency: 'CNY',
      creditLimit: '1000.00',
    })
    const customerId = created.body().id
    await postAs(client, finance.token, '/api/v1/customers', { code: '', name: '' }) // 422
    await getAs(client, finance.token, '/api/v1/customers?perPage=5')
    await getAs(client, finance.token, `/api/v1/customers/${customerId}`)
    await getAs(client, finance.token, '/api/v1/customers/999999999') // 404
    await client
      .patch(`/api/v1/customers/${customerId}`)
      .bearerToken(finance.token)
      .json({ name: '文档客户（改）' })
    const project = await postAs(
      client,
      finance.token,
      `/api/v1/customers/${customerId}/projects`,
      {
        code: unique('P'),
        name: '项目',
        currency: 'CNY',
        contractAmount: '5000.00',
      }
    )
    const receipt = await postAs(client, finance.token, '/api/v1/receipts', {
      customerId,
      projectId: project.body().id,
      amount: '800.00',
      currency: 'CNY',
      channel: 'bank_transfer',
      entryDate: '2025-06-03',
    })
    await postAs(client, finance.token, '/api/v1/receipts', {
      customerId,
      amount: 12.5, // a JSON number: 422
      currency: 'CNY',
      channel: 'bank_transfer',
    })
    await postAs(client, finance.token, '/api/v1/applications', {
      customerId,
      amount: '100.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: unique('INV'),
      entryDate: '2025-06-04',
    })
    await postAs(client, finance.token, '/api/v1/refunds', {
      customerId,
      amount: '99999.00',
      currency: 'CNY',
      entryDate: '2025-06-05',
    }) // 409 insufficient or 202
    const refund = await postAs(client, finance.token, '/api/v1/refunds', {
      customerId,
      amount: '50.00',
      currency: 'CNY',
      entryDate: '2025-06-05',
      reason: '退款',
    })
    assert.equal(refund.status(), 202)
    await getAs(client, manager.token, '/api/v1/approvals?awaitingMe=true')
    await getAs(client, manager.token, `/api/v1/approvals/${refund.body().id}`)
    await postAs(client, finance.token, `/api/v1/approvals/${refund.body().id}/approve`, {}) // 403
    await postAs(client, manager.token, `/api/v1/approvals/${refund.body().id}/approve`, {
      comment: 'ok',
    })
    const adjustment = await postAs(client, finance.token, '/api/v1/adjustments', {
      customerId,
      amount: '-1.00',
      currency: 'CNY',
      reason: '尾差',
      entryDate: '2025-06-06',
    })
    await postAs(client, manager.token, `/api/v1/approvals/${adjustment.body().id}/reject`, {
      comment: 'no',
    })
    const reversal = await postAs(
      client,
      finance.token,
      `/api/v1/journals/${receipt.body().id}/reverse`,
      { reason: '录错' }
    )
    await postAs(client, finance.token, `/api/v1/approvals/${reversal.body().id}/cancel`, {})
    await getAs(client, finance.token, `/api/v1/customers/${customerId}/balances`)
    await getAs(client, finance.token, `/api/v1/customers/${customerId}/ledger?from=2025-06-01`)
    await postAs(client, manager.token, '/api/v1/periods/2024-01/close', {})
    await getAs(client, finance.token, '/api/v1/periods')
    await postAs(client, finance.token, '/api/v1/exchange-rates', {
      currency: 'USD',
      rateDate: '2025-06-02',
      rate: '7.1234',
    })
    await getAs(client, finance.token, '/api/v1/exchange-rates')
    await getAs(client, finance.token, '/api/v1/approval-rules')
    await outboxSettled()
    report(assert)
    const statuses = new Set(validator!.checked.map((c) => c.status))
    assert.includeMembers([...statuses], [200, 201, 202, 401, 403, 404, 409, 422])
  })

  test('alerts, installments, audit, reports, webhooks, vouchers, banking', async ({
    client,
    assert,
  }) => {
    const admin = await makeUser('admin')
    const finance = await makeUser('finance')
    const auditor = await makeUser('auditor')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    await getAs(client, finance.token, '/api/v1/alerts?perPage=5')
    await getAs(client, finance.token, '/api/v1/alert-rules')
    const rule = await postAs(client, admin.token, '/api/v1/alert-rules', {
      code: `doc_${Date.now()}`,
      ruleType: 'low_balance',
      nameZh: '余额低',
      nameEn: 'Low balance',
      severity: 'warning',
    })
    await getAs(client, finance.token, `/api/v1/alert-rules/${rule.body().id}`)
    await client
      .patch(`/api/v1/alert-rules/${rule.body().id}`)
      .bearerToken(admin.token)
      .json({ enabled: false })
    await client.delete(`/api/v1/alert-rules/${rule.body().id}`).bearerToken(admin.token)
    await client
      .put(`/api/v1/projects/${project.id}/installments`)
      .bearerToken(finance.token)
      .json({ installments: [{ dueDate: '2025-07-01', amount: '100.00', label: '首付' }] })
    await getAs(client, finance.token, `/api/v1/projects/${project.id}/installments`)
    await getAs(client, auditor.token, '/api/v1/audit-logs?limit=5')
    await getAs(client, auditor.token, `/api/v1/audit-logs/history/customer/${customer.id}`)
    await getAs(client, auditor.token, '/api/v1/audit/verify')
    const run = await postAs(client, auditor.token, '/api/v1/audit/verify-runs', {})
    await getAs(client, auditor.token, `/api/v1/audit/verify-runs/${run.body().id}`)
    await getAs(client, admin.token, '/api/v1/backups')
    await getAs(client, finance.token, '/api/v1/audit-logs') // 403
    await getAs(
      client,
      finance.token,
      '/api/v1/reports/balances?groupBy=customer&from=2025-06-01&to=2025-06-30'
    )
    await getAs(
      client,
      finance.token,
      `/api/v1/customers/${customer.id}/statement?from=2025-06-01&to=2025-06-30`
    )
    await getAs(client, admin.token, '/api/v1/report-schedules')
    await getAs(client, admin.token, '/api/v1/report-deliveries')
    const hook = await postAs(client, admin.token, '/api/v1/webhooks', {
      url: 'https://erp.example.com/hooks',
      events: ['journal.posted'],
      active: false,
    })
    await getAs(client, admin.token, '/api/v1/webhooks')
    await getAs(client, admin.token, `/api/v1/webhooks/${hook.body().id}`)
    await getAs(client, admin.token, `/api/v1/webhooks/${hook.body().id}/deliveries`)
    await postAs(client, admin.token, `/api/v1/webhooks/${hook.body().id}/rotate-secret`, {})
    await postAs(client, admin.token, '/api/v1/webhooks', { url: 'ftp://x', events: [] }) // 422
    await client.delete(`/api/v1/webhooks/${hook.body().id}`).bearerToken(admin.token)
    await getAs(client, finance.token, '/api/v1/voucher-account-map')
    await client
      .put('/api/v1/voucher-account-map/2203')
      .bearerToken(finance.token)
      .json({ externalCode: '2203', externalName: '预收账款' })
    await getAs(client, admin.token, '/api/v1/bank-accounts')
    const account = await postAs(client, admin.token, '/api/v1/bank-accounts', {
      name: '基本户',
      accountNo: unique('6222'),
      currency: 'CNY',
    })
    await getAs(client, finance.token, '/api/v1/bank-settings')
    await getAs(client, finance.token, '/api/v1/bank-lines?status=open')
    await getAs(client, finance.token, '/api/v1/bank-statements')
    await getAs(
      client,
      finance.token,
      `/api/v1/reconciliation?bankAccountId=${account.body().id}&from=2025-06-01&to=2025-06-30`
    )
    await getAs(client, finance.token, '/api/v1/reconciliation') // 422
    await getAs(client, finance.token, '/api/v1/imports/999999') // 404
    report(assert)
    assert.isAtLeast(validator!.checked.length, 30)
  })
})
