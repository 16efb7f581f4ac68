/// <reference lib="dom" />
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Browser } from 'puppeteer'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import {
  actionsOn,
  baseUrl,
  bodyText,
  choose,
  launchBrowser,
  open,
  panelLogin,
  screenshot,
  submitForm,
  typeInto,
  waitForText,
} from '#tests/support/browser'
import { route } from '#tests/support/route'

test.group('Approvals in the admin panel (Chromium)', (group) => {
  let browser: Browser
  let close: () => Promise<void>

  group.setup(async () => {
    ;({ browser, close } = await launchBrowser())
    return () => close()
  })

  test('finance requests a refund, the finance manager approves it', async ({ assert, client }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, finance.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '1000.00',
        currency: 'CNY',
        channel: 'bank_transfer',
        bankReference: unique('BR'),
      }),
      201
    )

    // 1. The clerk requests the refund in the panel: it waits for approval and holds the amount.
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(page, '/admin/resources/refunds/actions/new', '[data-testid="property-edit-amount"]')
    await choose(page, 'customerId', customer.code)
    await typeInto(page, 'amount', '300.00')
    await choose(page, 'currency', 'CNY')
    await page.type('[data-testid="property-edit-reason"] textarea', '客户要求退回部分预付款')
    const requestId = await submitForm(page, 'approval_requests')
    await waitForText(page, `已提交审批（审批单 #${requestId}），可用余额已预留`)
    await screenshot(page, 'approval-request-pending')

    const request = await db.from('approval_requests').where('id', requestId).first()
    assert.equal(request.customer_id, customer.id)
    assert.equal(request.status, 'pending')
    assert.equal(request.action_type, 'refund')
    assert.equal(request.reserved, '300.0000')
    assert.equal(request.requested_by, finance.user.id)
    let balance = await db.from('customer_balances').where({ customer_id: customer.id }).first()
    assert.equal(balance.balance, '1000.0000')
    assert.equal(balance.pending, '300.0000')

    // The show page: what is asked, the hold, the levels; the requester may withdraw, not approve.
    await waitForText(page, '300.00 CNY')
    const shown = await bodyText(page)
    assert.include(shown, '客户要求退回部分预付款')
    assert.include(shown, '财务主管 · 当前')
    const own = await actionsOn(page)
    assert.notInclude(own.buttons, 'action-approve', 'no Approve on your own request')
    assert.notInclude(own.buttons, 'action-reject')
    assert.include(own.buttons, 'action-cancel')
    assert.isFalse(own.links.some((h) => /\/actions\/(approve|reject)/.test(h)))

    await open(page, `/admin/resources/customers/records/${customer.id}/show`)
    await waitForText(page, '700.00 CNY')
    assert.include(await bodyText(page), '1,000.00 CNY')

    await open(page, '/admin/resources/approval_requests', 'table')
    await screenshot(page, 'approvals-list-finance')
    await page.goto(`${baseUrl()}/admin/logout`, { waitUntil: 'networkidle0' })

    // 2. The finance manager finds it in the inbox and approves it with a comment.
    const approver = await panelLogin(browser, manager.user.email, manager.password)
    await approver.waitForSelector('[data-testid="pendingApprovals-count"]')
    await waitForText(approver, `#${requestId} 退款 refund · ${customer.code}`)
    await screenshot(approver, 'dashboard-approver')

    await open(approver, `/admin/resources/approval_requests/records/${requestId}/show`)
    await approver.waitForSelector('[data-testid="action-approve"]')
    await screenshot(approver, 'approval-show-approver')
    await approver.click('[data-testid="action-approve"]')
    await approver.waitForSelector('[data-testid="action-form"]')
    await approver.type('[data-testid="action-form"] textarea', '核对无误，同意退款')
    await Promise.all([
      approver.waitForFunction(() => location.pathname.endsWith('/show')),
      approver.click('[data-testid="action-submit"]'),
    ])
    await waitForText(approver, `审批单 #${requestId} 已批准并执行`)
    await waitForText(approver, '核对无误，同意退款')
    await approver.setViewport({ width: 1280, height: 1500 })
    await screenshot(approver, 'approval-approved')
    await approver.setViewport({ width: 1280, height: 860 })

    const approved = await db.from('approval_requests').where('id', requestId).first()
    assert.equal(approved.status, 'approved')
    assert.equal(approved.reserved, '0.0000')
    const journal = await db.from('journals').where('id', approved.journal_id).first()
    assert.equal(journal.kind, 'refund')
    assert.equal(journal.amount, '-300.0000')
    assert.equal(Number(journal.approval_id), requestId)
    balance = await db.from('customer_balances').where({ customer_id: customer.id }).first()
    assert.equal(balance.balance, '700.0000')
    assert.equal(balance.pending, '0.0000')
    const decision = await db.from('approval_decisions').where('request_id', requestId).first()
    assert.equal(decision.decided_by, manager.user.id)
    assert.equal(decision.comment, '核对无误，同意退款')

    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'approval_request', entity_id: String(requestId) })
      .orderBy('id')
      .select('action', 'actor_id')
    assert.deepEqual(
      audit.map((a) => [a.action, Number(a.actor_id)]),
      [
        ['request', finance.user.id],
        ['approve', manager.user.id],
      ]
    )
    const journalAudit = await db
      .from('audit_logs')
      .where({ entity_type: 'journal', entity_id: String(journal.id) })
      .first()
    assert.equal(Number(journalAudit.actor_id), manager.user.id)

    await open(approver, `/admin/resources/customers/records/${customer.id}/show`)
    await waitForText(approver, '700.00 CNY')
    assert.notInclude(await bodyText(approver), '1,000.00 CNY')
  })

  test('a credit-limit change in the panel awaits approval like in the API', async ({ assert }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer({ creditLimit: '0' })
    const page = await panelLogin(browser, finance.user.email, finance.password)
    await open(
      page,
      `/admin/resources/customers/records/${customer.id}/edit`,
      '[data-testid="property-edit-creditLimit"]'
    )
    const field = '[data-testid="property-edit-creditLimit"] input'
    await page.$eval(field, (el) => (el as HTMLInputElement).select())
    await page.type(field, '5000.00')
    await screenshot(page, 'customer-credit-limit-form')
    const requestId = await submitForm(page, 'approval_requests')
    await waitForText(page, `已提交审批（审批单 #${requestId}）`)
    assert.notInclude(await bodyText(page), '可用余额已预留')
    const request = await db.from('approval_requests').where('id', requestId).first()
    assert.equal(request.action_type, 'credit_limit_change')
    assert.equal(request.customer_id, customer.id)
    assert.equal(request.payload.changes.creditLimit, '5000.00')
    const row = await db.from('customers').where('id', customer.id).first()
    assert.equal(row.credit_limit, '0.0000', 'unchanged until approved')
  })

  test("a rule's levels read in the reader's language", async () => {
    const admin = await makeUser('admin')
    // inactive: it gates nothing in the other tests
    const [rule] = await db
      .table('approval_rules')
      .insert({
        name: unique('levels language'),
        action_type: 'adjustment',
        levels: JSON.stringify([{ role: 'finance_manager' }, { role: 'admin' }]),
        is_active: false,
      })
      .returning('id')
    const page = await panelLogin(browser, admin.user.email, admin.password)
    await open(page, `/admin/resources/approval_rules/records/${rule.id}/show`)
    await waitForText(page, '1. 财务主管 → 2. 系统管理员')
    await screenshot(page, 'approval-rule-levels-zh')
    await db.from('users').where('id', admin.user.id).update({ locale: 'en' })
    await open(page, `/admin/resources/approval_rules/records/${rule.id}/show`)
    await waitForText(page, '1. Finance manager → 2. Administrator')
    await screenshot(page, 'approval-rule-levels-en')
  })
})
