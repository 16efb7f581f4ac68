import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'

/*
| The ledger's SQL API called directly (database/sql/ledger.sql), without the TypeScript in front:
| each refusal is SQLSTATE ALR01 with the rule as message and {rule, facts} as JSON detail, and a
| refused call changes nothing.
*/

interface Post {
  kind: string
  customerId: number
  effect: string
  currency?: string
  projectId?: number | null
  entryDate?: string
  released?: string
  requiredOwner?: number | null
  actorId: number
  actorRole?: string
}

const POST = `SELECT ledger_post(
  p_kind => ?, p_customer_id => ?, p_project_id => ?, p_currency => ?, p_effect => ?,
  p_advances_account => '2203', p_counter_account => ?, p_entry_date => ?::date,
  p_channel => ?, p_bank_reference => NULL, p_document_type => ?, p_document_no => ?,
  p_reason => ?, p_memo => NULL, p_reverses_journal_id => NULL, p_approval_id => NULL,
  p_exchange_rate => NULL, p_released => ?, p_base_currency => 'CNY', p_required_owner => ?,
  p_actor_id => ?, p_actor_role => ?, p_ip => NULL, p_user_agent => NULL, p_request_id => NULL,
  p_audit_entries => '[]'::jsonb) AS view`

async function post(p: Post) {
  const result = await db.rawQuery(POST, [
    p.kind,
    p.customerId,
    p.projectId ?? null,
    p.currency ?? 'CNY',
    p.effect,
    p.effect.startsWith('-') ? '6001' : '1002',
    p.entryDate ?? new Date().toISOString().slice(0, 10),
    // what the journals' checks ask of each kind
    p.kind === 'receipt' ? 'bank_transfer' : null,
    p.kind === 'application' ? 'invoice' : null,
    p.kind === 'application' ? 'FP-1' : null,
    'direct test',
    p.released ?? '0',
    p.requiredOwner ?? null,
    p.actorId,
    p.actorRole ?? 'finance',
  ])
  return result.rows[0].view
}

const reserve = (kind: string, customerId: number, amount: string, requiredOwner = null) =>
  db.rawQuery('SELECT ledger_reserve(?, ?, NULL, ?, ?, ?)', [
    kind,
    customerId,
    'CNY',
    amount,
    requiredOwner,
  ])

const release = (customerId: number, amount: string) =>
  db.rawQuery('SELECT ledger_release(?, ?, ?)', [customerId, 'CNY', amount])

/** The refusal a call raised: its rule and facts (fails the test when the call succeeded). */
async function refusal(call: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await call
  } catch (error) {
    const raised = error as { code?: string; detail?: string }
    if (raised.code !== 'ALR01') throw error
    return JSON.parse(raised.detail!)
  }
  throw new Error('the call was not refused')
}

async function account(customerId: number) {
  const row = await db
    .from('customer_balances')
    .where({ customer_id: customerId, currency: 'CNY' })
    .first()
  return { balance: String(row.balance), pending: String(row.pending) }
}

async function fundedCustomer(amount: string, attributes = {}) {
  const { user } = await makeUser('finance')
  const customer = await makeCustomer(attributes)
  await post({ kind: 'receipt', customerId: customer.id, effect: amount, actorId: user.id })
  return { actorId: user.id, customerId: customer.id }
}

test.group('Ledger SQL: ledger_post', () => {
  test('posts a balanced journal, moves the balance and writes its audit row', async ({
    assert,
  }) => {
    const { actorId, customerId } = await fundedCustomer('100.00')
    const view = await post({ kind: 'application', customerId, effect: '-30.00', actorId })
    assert.include(view, { kind: 'application', amount: '30.00', balanceEffect: '-30.00' })
    assert.deepEqual(view.balanceAfter, {
      currency: 'CNY',
      balance: '70.00',
      pending: '0.00',
      available: '70.00',
    })
    const lines = await db.from('journal_lines').where('journal_id', view.id).orderBy('line_no')
    assert.deepEqual(
      lines.map((l) => [l.account_code, String(l.debit), String(l.credit)]),
      [
        ['6001', '0.0000', '30.0000'],
        ['2203', '30.0000', '0.0000'],
      ]
    )
    const audit = await db.from('audit_logs').where({ entity_type: 'journal', entity_id: view.id })
    assert.lengthOf(audit, 1)
    assert.equal(audit[0].action, 'post_application')
  })

  test('rounds to the decimals the currencies table states (JPY has none)', async ({ assert }) => {
    const { user } = await makeUser('finance')
    const customer = await makeCustomer({ defaultCurrency: 'JPY' })
    await db.rawQuery(
      "INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('JPY', '2000-01-01', 0.05) ON CONFLICT DO NOTHING"
    )
    const view = await post({
      kind: 'receipt',
      customerId: customer.id,
      currency: 'JPY',
      effect: '12345',
      actorId: user.id,
    })
    assert.include(view, { amount: '12345', currency: 'JPY' })
    assert.equal(view.balanceAfter.available, '12345')
  })

  test('refuses an overdraw with the headroom and the available balance as facts', async ({
    assert,
  }) => {
    const { actorId, customerId } = await fundedCustomer('100.00', { creditLimit: '50.00' })
    const facts = await refusal(
      post({ kind: 'application', customerId, effect: '-150.01', actorId })
    )
    assert.deepInclude(facts, {
      rule: 'insufficient_balance',
      headroom: '150.0000',
      available: '100.0000',
      kind: 'application',
    })
    assert.deepEqual(await account(customerId), { balance: '100.0000', pending: '0.0000' })
  })

  test('a refund never uses credit (movement_kinds.refund.may_use_credit)', async ({ assert }) => {
    const { actorId, customerId } = await fundedCustomer('100.00', { creditLimit: '50.00' })
    const facts = await refusal(post({ kind: 'refund', customerId, effect: '-100.01', actorId }))
    assert.deepInclude(facts, { rule: 'insufficient_balance', headroom: '100.0000' })
    const view = await post({ kind: 'application', customerId, effect: '-150.00', actorId })
    assert.equal(view.balanceAfter.balance, '-50.00')
  })

  test('credit counts only in the customer default currency', async ({ assert }) => {
    const { user } = await makeUser('finance')
    const customer = await makeCustomer({ creditLimit: '1000.00' })
    await db.rawQuery(
      "INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('USD', '2000-01-01', 7) ON CONFLICT DO NOTHING"
    )
    const facts = await refusal(
      post({
        kind: 'application',
        customerId: customer.id,
        currency: 'USD',
        effect: '-1.00',
        actorId: user.id,
      })
    )
    assert.deepInclude(facts, { rule: 'insufficient_balance', headroom: '0.0000' })
  })

  test('refuses a closed period, a missing customer, another owner, a foreign project, an unknown kind', async ({
    assert,
  }) => {
    const { actorId, customerId } = await fundedCustomer('10.00')
    await db.rawQuery(
      "INSERT INTO accounting_periods (period, status) VALUES ('1991-01', 'closed') ON CONFLICT (period) DO UPDATE SET status = 'closed'"
    )
    const closed = await refusal(
      post({ kind: 'receipt', customerId, effect: '1.00', entryDate: '1991-01-15', actorId })
    )
    assert.deepEqual(closed, { rule: 'period_closed', period: '1991-01' })
    const missing = await refusal(post({ kind: 'receipt', customerId: 0, effect: '1.00', actorId }))
    assert.equal(missing.rule, 'customer_missing')
    const forbidden = await refusal(
      post({ kind: 'receipt', customerId, effect: '1.00', requiredOwner: actorId, actorId })
    )
    assert.equal(forbidden.rule, 'customer_forbidden')
    const other = await makeCustomer()
    const project = await makeProject(other.id)
    const foreign = await refusal(
      post({ kind: 'receipt', customerId, projectId: project.id, effect: '1.00', actorId })
    )
    assert.equal(foreign.rule, 'project_not_of_customer')
    const unknown = await refusal(post({ kind: 'gift', customerId, effect: '1.00', actorId }))
    assert.deepEqual(unknown, { rule: 'kind_unknown', kind: 'gift' })
    assert.deepEqual(await account(customerId), { balance: '10.0000', pending: '0.0000' })
  })

  test('ledger_assert_period_open gives the same refusal for a date ahead of any posting', async ({
    assert,
  }) => {
    await db.rawQuery(
      "INSERT INTO accounting_periods (period, status) VALUES ('1991-02', 'closed') ON CONFLICT (period) DO UPDATE SET status = 'closed'"
    )
    const facts = await refusal(db.rawQuery("SELECT ledger_assert_period_open('1991-02-03')"))
    assert.deepEqual(facts, { rule: 'period_closed', period: '1991-02' })
    await db.rawQuery("SELECT ledger_assert_period_open('1991-03-03')")
  })
})

test.group('Ledger SQL: ledger_reserve and ledger_release', () => {
  test('a hold lowers what is available; two holds never exceed it; a release frees it', async ({
    assert,
  }) => {
    const { customerId } = await fundedCustomer('100.00')
    await reserve('refund', customerId, '60.00')
    assert.deepEqual(await account(customerId), { balance: '100.0000', pending: '60.0000' })
    const second = await refusal(reserve('refund', customerId, '40.01'))
    assert.deepInclude(second, { rule: 'insufficient_balance', headroom: '40.0000' })
    await release(customerId, '60.00')
    assert.deepEqual(await account(customerId), { balance: '100.0000', pending: '0.0000' })
  })

  test('a hold follows its kind: an application may use credit, a refund may not', async ({
    assert,
  }) => {
    const { customerId } = await fundedCustomer('100.00', { creditLimit: '50.00' })
    const refund = await refusal(reserve('refund', customerId, '100.01'))
    assert.equal(refund.rule, 'insufficient_balance')
    await reserve('application', customerId, '150.00')
    assert.deepEqual(await account(customerId), { balance: '100.0000', pending: '150.0000' })
  })

  test('a release never frees more than is held', async ({ assert }) => {
    const { customerId } = await fundedCustomer('100.00')
    await reserve('adjustment', customerId, '10.00')
    const facts = await refusal(release(customerId, '10.01'))
    assert.deepInclude(facts, { rule: 'release_exceeds_pending', amount: '10.01' })
    assert.deepEqual(await account(customerId), { balance: '100.0000', pending: '10.0000' })
  })

  test('a posting releases its own hold (p_released)', async ({ assert }) => {
    const { actorId, customerId } = await fundedCustomer('100.00')
    await reserve('refund', customerId, '100.00')
    const view = await post({
      kind: 'refund',
      customerId,
      effect: '-100.00',
      released: '100.00',
      actorId,
    })
    assert.deepEqual(view.balanceAfter, {
      currency: 'CNY',
      balance: '0.00',
      pending: '0.00',
      available: '0.00',
    })
  })
})
