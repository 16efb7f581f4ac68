import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { makeBankAccount, nameCustomer } from '#tests/support/banking'
import { route } from '#tests/support/route'

type Row = [date: string, credit: string, payer: string, account: string, memo: string, ref: string]

/** A bank export built for the test (the header of a Chinese bank's CSV). */
function bankCsv(rows: Row[]) {
  const lines = ['交易日期,贷方金额,借方金额,对方户名,对方账号,附言,流水号']
  for (const [date, credit, payer, account, memo, ref] of rows) {
    lines.push([date, credit, '', payer, account, memo, ref].join(','))
  }
  return Buffer.from(lines.join('\n') + '\n')
}

async function upload(client: ApiClient, token: string, accountId: number, rows: Row[]) {
  const response = await client
    .post(route('bank_statements.store'))
    .bearerToken(token)
    .file('file', bankCsv(rows), { filename: `${unique('s')}.csv` })
    .field('bankAccountId', String(accountId))
  response.assertStatus(201)
  const lines = await getAs(
    client,
    token,
    `${route('bank_lines.index')}?statementId=${response.body().statementId}`
  )
  const byRef = new Map<string, any>(
    lines.body().data.map((line: any) => [line.bankReference, line])
  )
  return { body: response.body(), line: (ref: string) => byRef.get(ref) }
}

async function customerNamed(name: string) {
  const customer = await makeCustomer()
  await nameCustomer(customer.id, name)
  return customer
}

test.group('Banking: matching reasons, confidences and actions', () => {
  test('each reason with its confidence; a learned payer account posts by itself', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const tag = unique('').slice(1)
    const byName = await customerNamed(`甬江${tag}精密机械有限公司`)
    const byCode = await customerNamed(`瓯海${tag}电气有限公司`)
    const project = await makeProject(byCode.id)
    const { code } = await db.from('projects').where('id', project.id).first()
    const byAccount = await customerNamed(`闽江${tag}食品有限公司`)
    const payerAccount = unique('6228')
    await db.table('payer_accounts').insert({ account_no: payerAccount, customer_id: byAccount.id })
    const registered = await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: byCode.id,
        amount: '7000.00',
        currency: 'CNY',
        channel: 'bank_transfer',
        entryDate: '2026-11-09',
      }),
      201
    )
    const account = await makeBankAccount()
    const r = (s: string) => `${tag}-${s}`
    const { body, line } = await upload(client, token, account.id, [
      ['2026-11-10', '1000.00', `甬江${tag}精密机械有限公司`, '', '预付款', r('name')],
      ['2026-11-10', '2000.00', `甬江${tag}精密机械厂`, '', '', r('fuzzy')],
      ['2026-11-10', '3000.00', '某某', '', `合同${code}首付`, r('code')],
      ['2026-11-10', '7000.00', '某某', '', `${code}`, r('registered')],
      ['2026-11-10', '4000.00', '某某', payerAccount, '', r('account')],
      ['2026-11-10', '5000.00', '完全无关的付款人', '', '', r('none')],
    ])
    assert.deepInclude(body.matching, { linked: 0, autoPosted: 1, suggested: 4, unmatched: 1 })
    const top = (ref: string) => line(ref).suggestions[0]
    assert.include(top(r('name')), {
      customerId: byName.id,
      reason: 'payer_name',
      confidence: '0.880',
    })
    assert.include(top(r('fuzzy')), { customerId: byName.id, reason: 'payer_name' })
    assert.isBelow(Number(top(r('fuzzy')).confidence), 0.88)
    assert.isAbove(Number(top(r('fuzzy')).confidence), 0.3)
    assert.include(top(r('code')), {
      customerId: byCode.id,
      projectId: project.id,
      reason: 'project_code',
      confidence: '0.920',
      journalId: null,
    })
    assert.include(top(r('registered')), {
      customerId: byCode.id,
      journalId: registered.body().id,
      reason: 'project_code',
    })
    assert.equal(line(r('account')).status, 'matched')
    assert.include(line(r('account')).matches[0], {
      customerId: byAccount.id,
      method: 'auto_posted',
      reason: 'payer_account',
      confidence: '0.950',
    })
    assert.equal(line(r('none')).status, 'unmatched')
    assert.deepEqual(line(r('none')).suggestions, [])
    assert.deepInclude(await balanceOf(client, token, byAccount.id), {
      balance: '4000.00',
      unconfirmed: '0.00',
    })

    // confirming the registered receipt links it (no new journal); the name suggestion posts one
    const confirmRegistered = await postAs(
      client,
      token,
      route('bank_lines.confirm', { id: line(r('registered')).id }),
      {
        suggestionId: top(r('registered')).id,
      }
    )
    confirmRegistered.assertStatus(200)
    assert.deepInclude(confirmRegistered.body().matches[0], {
      journalId: registered.body().id,
      method: 'manual',
    })
    const confirmName = await postAs(
      client,
      token,
      route('bank_lines.confirm', { id: line(r('name')).id }),
      {
        suggestionId: top(r('name')).id,
      }
    )
    confirmName.assertStatus(200)
    assert.equal(confirmName.body().status, 'matched')
    assert.deepInclude(await balanceOf(client, token, byName.id), { balance: '1000.00' })
    assert.deepInclude(await balanceOf(client, token, byCode.id), { balance: '7000.00' })
  })

  test('split across customers (exact sum), not a prepayment, and refusals that write nothing', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const first = await makeCustomer()
    const second = await makeCustomer()
    const account = await makeBankAccount()
    const ref = unique('SPLIT')
    const { line } = await upload(client, token, account.id, [
      ['2026-11-12', '10000.00', '联合付款人', '', '两家合并付款', ref],
      ['2026-11-12', '88.00', '利息', '', '结息', `${ref}-i`],
    ])
    const split = line(ref)
    const bad = await postAs(client, token, route('bank_lines.split', { id: split.id }), {
      parts: [
        { customerId: first.id, amount: '6000.00' },
        { customerId: second.id, amount: '3999.99' },
      ],
    })
    bad.assertStatus(422)
    assert.equal(bad.body().errors[0].rule, 'sum')
    const done = await postAs(client, token, route('bank_lines.split', { id: split.id }), {
      parts: [
        { customerId: first.id, amount: '6000.00' },
        { customerId: second.id, amount: '4000.00' },
      ],
    })
    done.assertStatus(200)
    assert.equal(done.body().status, 'matched')
    assert.deepEqual(
      done.body().matches.map((m: any) => [m.customerId, m.amount, m.method]),
      [
        [first.id, '6000.00', 'split'],
        [second.id, '4000.00', 'split'],
      ]
    )
    assert.deepInclude(await balanceOf(client, token, second.id), { balance: '4000.00' })
    const twice = await postAs(client, token, route('bank_lines.ignore', { id: split.id }), {
      reason: 'x',
    })
    twice.assertStatus(409)
    assert.equal(twice.body().errors[0].rule, 'bank_line_matched')

    const interest = line(`${ref}-i`)
    await expectStatus(
      postAs(client, token, route('bank_lines.ignore', { id: interest.id }), {
        reason: '银行结息',
      }),
      200
    )
    const confirmIgnored = await postAs(
      client,
      token,
      route('bank_lines.confirm', { id: interest.id }),
      {
        customerId: first.id,
      }
    )
    confirmIgnored.assertStatus(409)
    assert.equal(confirmIgnored.body().errors[0].rule, 'bank_line_ignored')
    assert.deepInclude(await balanceOf(client, token, first.id), { balance: '6000.00' })
  })

  test('50 concurrent confirmations on one customer never post a bank line twice', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const tag = unique('').slice(1)
    const customer = await customerNamed(`赣江${tag}重工有限公司`)
    const account = await makeBankAccount()
    const refs = [1, 2, 3, 4, 5].map((n) => `${tag}-C${n}`)
    const { line } = await upload(
      client,
      token,
      account.id,
      refs.map(
        (ref, i) =>
          ['2026-11-15', `${(i + 1) * 1000}.00`, `赣江${tag}重工有限公司`, '', '', ref] as Row
      )
    )
    const requests = []
    for (let round = 0; round < 10; round++) {
      for (const ref of refs) {
        const target = line(ref)
        assert.equal(target.suggestions[0].customerId, customer.id)
        requests.push(
          client
            .post(route('bank_lines.confirm', { id: target.id }))
            .bearerToken(token)
            .json({ suggestionId: target.suggestions[0].id })
        )
      }
    }
    const responses = await Promise.all(requests)
    const statuses = responses.map((response) => response.status())
    assert.equal(statuses.filter((s) => s === 200).length, 5)
    assert.equal(statuses.filter((s) => s === 409).length, 45)
    const journals = await db
      .from('journals')
      .where({ customer_id: customer.id, kind: 'receipt' })
      .count('* as n')
    assert.equal(Number(journals[0].n), 5)
    const matches = await db
      .from('bank_line_matches')
      .whereIn(
        'bank_line_id',
        refs.map((ref) => line(ref).id)
      )
      .count('* as n')
    assert.equal(Number(matches[0].n), 5)
    assert.deepInclude(await balanceOf(client, token, customer.id), { balance: '15000.00' })
  })
})
