import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import { ApiError } from '#kernel/errors'
import { normalizeAmountText, parseAmount } from '#kernel/money/parse_amount'
import { receiptValidator } from '#modules/prepayments/validators/posting_validators'
import { refusalOf } from '#modules/admin/panel/form_action'
import { auditDiff, recordAt } from '#modules/admin/services/audit_readable'
import { verifyChainAction } from '#modules/admin/resources/audit_tools'
import { scheduleInput } from '#modules/admin/resources/reports/schedule_form'
import { workNextRun } from '#modules/audit/services/verify_runs'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

test.group('Panel entry: amounts as people type them (kernel parse_amount)', () => {
  test('thousands separators and full-width digits are read, odd grouping is not', ({ assert }) => {
    assert.equal(normalizeAmountText('220,000.00'), '220000.00')
    assert.equal(normalizeAmountText('２２０，０００．００'), '220000.00')
    assert.equal(normalizeAmountText(' 1,160,200 '), '1160200')
    assert.equal(normalizeAmountText('2,20.5'), '2,20.5')
    assert.equal(parseAmount('amount', '220,000.00', 'CNY').toFixed(2), '220000.00')
    assert.throws(() => parseAmount('amount', '2,20.5', 'CNY'))
  })
})

test.group('Panel entry: readable audit rows', () => {
  test('a change lists only the fields it changed, old → new', ({ assert }) => {
    const rows = auditDiff(
      { status: 'open', params: { days: 3, paid: '¥0.00' }, note: null },
      { status: 'resolved', params: { days: 3, paid: '¥200.00' }, note: null }
    )
    assert.deepEqual(rows, [
      { field: 'status', before: 'open', after: 'resolved' },
      { field: 'params.paid', before: '¥0.00', after: '¥200.00' },
    ])
  })

  test('a creation lists what it set; instants read in the company time zone', ({ assert }) => {
    const rows = auditDiff(null, { name: '华东机械', createdAt: '2026-11-20T06:03:05.000Z' })
    assert.deepEqual(rows, [
      { field: 'name', before: null, after: '华东机械' },
      { field: 'createdAt', before: null, after: '2026-11-20 14:03:05' },
    ])
  })

  test('a record at a moment: its fields then, the changes with who and what', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const created = await expectStatus(
      postAs(client, finance.token, route('customers.store'), {
        code: unique('H'),
        name: '初始名称',
        defaultCurrency: 'CNY',
      }),
      201
    )
    const id = String(created.body().id)
    const first = await db
      .from('audit_logs')
      .where({ entity_type: 'customer', entity_id: id })
      .first()
    const between = new Date(new Date(first.occurred_at).getTime() + 1)
    await new Promise((resolve) => setTimeout(resolve, 5))
    await client
      .patch(route('customers.update', { id }))
      .bearerToken(finance.token)
      .json({ name: '后来名称' })

    const then = await recordAt('zh-CN', 'customer', id, between)
    assert.isTrue(then.exists)
    assert.equal(then.entity, `客户 ${id}`)
    assert.equal(then.state.find((r) => r.field === 'name')?.value, '初始名称')
    assert.deepEqual(
      then.changes.map((c) => [c.action, c.actor]),
      [['新建', 'Test finance']]
    )

    const now = await recordAt('en', 'customer', id, new Date())
    assert.equal(now.state.find((r) => r.field === 'name')?.value, '后来名称')
    assert.deepEqual(
      now.changes.map((c) => c.action),
      ['Create', 'Update']
    )
    const before = await recordAt('zh-CN', 'customer', id, new Date('2000-01-01'))
    assert.isFalse(before.exists)
  })

  test('the verify button queues a full run; its result is shown once the worker ran it', async ({
    assert,
  }) => {
    const auditor = await makeUser('auditor')
    const context = { currentAdmin: { id: auditor.user.id, role: 'auditor', locale: 'zh-CN' } }
    const asked: any = await verifyChainAction.handler(
      { method: 'post' } as any,
      {},
      context as any
    )
    assert.include(['queued', 'running'], asked.run.status)
    const row = await db.from('audit_verify_runs').where('id', asked.run.id).first()
    assert.equal(Number(row.requested_by), auditor.user.id)
    while (await workNextRun()) {}
    const shown: any = await verifyChainAction.handler({ method: 'get' } as any, {}, context as any)
    assert.equal(shown.run.status, 'done')
    assert.isTrue(shown.run.valid)
    assert.isAbove(shown.run.rowsChecked, 0)
  })
})

test.group('Panel entry: forms answer with labels and take codes', () => {
  test('validation messages name the form labels in the user language', async ({ assert }) => {
    let error: unknown
    try {
      await receiptValidator.validate({ amount: '1.00', currency: 'CNY' })
    } catch (caught) {
      error = caught
    }
    assert.instanceOf(error, vineErrors.E_VALIDATION_ERROR)
    const zh = refusalOf(error, 'zh-CN', 'receipts')
    assert.match(zh.errors.customerId.message, /^客户.* 为必填项$/)
    assert.match(zh.errors.channel.message, /^收款渠道 为必填项$/)
    const en = refusalOf(error, 'en', 'receipts')
    assert.notInclude(en.errors.customerId.message, 'customerId')
  })

  test('the schedule form takes customers by code or name and a time preset', async ({
    assert,
  }) => {
    const customer = await makeCustomer()
    const input: any = await scheduleInput(
      { name: '周报', cronPreset: 'weekly', customerCodes: customer.code },
      true
    )
    assert.deepEqual(input.customerIds, [Number(customer.id)])
    assert.equal(input.cron, '0 8 * * 1')
    assert.equal(input.periodRule, 'previous_week')
    assert.equal(input.kind, 'statements')
    const monthly: any = await scheduleInput({ name: '月报' }, true)
    assert.equal(monthly.cron, '0 8 1 * *')
    assert.isNull(monthly.customerIds)

    let error: unknown
    try {
      await scheduleInput({ name: 'x', customerCodes: 'NO-SUCH-CUSTOMER' }, true)
    } catch (caught) {
      error = caught
    }
    assert.instanceOf(error, ApiError)
    const zh = refusalOf(error, 'zh-CN', 'report_schedules')
    assert.include(zh.errors.customerCodes.message, '找不到客户')
  })
})
