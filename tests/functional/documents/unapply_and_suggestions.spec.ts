import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { route } from '#tests/support/route'
import { companyToday } from '#kernel/company'

type Client = Parameters<typeof postAs>[0]

async function setup(client: Client, receiptAmount: string, documentAmount: string) {
  const finance = await makeUser('finance')
  const manager = await makeUser('finance_manager')
  const customer = await makeCustomer()
  await expectStatus(
    postAs(client, finance.token, route('receipts.store'), {
      customerId: customer.id,
      amount: receiptAmount,
      currency: 'CNY',
      channel: 'bank_transfer',
    }),
    201
  )
  const document = await expectStatus(
    postAs(client, finance.token, route('documents.store'), {
      customerId: customer.id,
      kind: 'invoice',
      number: unique('FP'),
      amount: documentAmount,
      currency: 'CNY',
      documentDate: '2026-11-01',
    }),
    201
  )
  return { finance, manager, customer, document: document.body() as { id: number } }
}

async function openAmount(documentId: number) {
  const row = await db.from('documents').where('id', documentId).first()
  return Number(row.open_amount)
}

test.group('反核销: partial un-apply through the approval gate', () => {
  test('un-apply part, then the rest: advance and open amount restored exactly', async ({
    client,
    assert,
  }) => {
    const { finance, manager, customer, document } = await setup(client, '1000.00', '800.00')
    const applied = await expectStatus(
      postAs(client, finance.token, route('applications.store'), {
        customerId: customer.id,
        documentId: document.id,
        amount: '600.00',
        currency: 'CNY',
      }),
      201
    )
    const applicationId = applied.body().id
    assert.equal((await balanceOf(client, finance.token, customer.id))!.balance, '400.00')

    // the default rule (反核销审批) sends it to a finance manager
    const decided = await submitAndApprove(
      client,
      finance.token,
      manager.token,
      route('journals.unapply', { id: applicationId }),
      { amount: '250.00', reason: '发票部分退回' }
    )
    assert.equal(decided.result.kind, 'unapplication')
    assert.equal(decided.result.balanceEffect, '250.00')
    assert.equal(decided.result.documentNo, applied.body().documentNo)
    assert.equal((await balanceOf(client, finance.token, customer.id))!.balance, '650.00')
    assert.equal(await openAmount(document.id), 450)
    // the lines: Dr 1122 / Cr 2203
    const lines = await db
      .from('journal_lines')
      .where('journal_id', decided.result.id)
      .orderBy('line_no')
    assert.deepEqual(
      lines.map((l) => [l.account_code, Number(l.debit), Number(l.credit)]),
      [
        ['1122', 250, 0],
        ['2203', 0, 250],
      ]
    )

    // more than the 350.00 still applied: refused at once, in the caller's language
    const tooMuch = await postAs(
      client,
      finance.token,
      route('journals.unapply', { id: applicationId }),
      {
        amount: '350.01',
        reason: '多退',
      }
    )
    tooMuch.assertStatus(409)
    assert.equal(tooMuch.body().errors[0].rule, 'unapply_exceeds_applied')
    assert.include(tooMuch.body().errors[0].message, '350.00 CNY')

    // a whole 红冲 of a partly un-applied application would restore the advance twice
    const reversal = await submitAndApproveOrRefusal(
      client,
      finance.token,
      manager.token,
      applicationId
    )
    assert.equal(reversal, 'application_partly_unapplied')

    await submitAndApprove(
      client,
      finance.token,
      manager.token,
      route('journals.unapply', { id: applicationId }),
      { amount: '350.00', reason: '其余退回' }
    )
    assert.equal((await balanceOf(client, finance.token, customer.id))!.balance, '1000.00')
    assert.equal(await openAmount(document.id), 800)
    // the balances report counts a 反核销 as a negative application: its identity still holds
    const today = companyToday()
    const report = await getAs(
      client,
      finance.token,
      `${route('reports.balances')}?groupBy=customer&from=${today.slice(0, 8)}01&to=${today}`
    )
    report.assertStatus(200)
    const row = report.body().rows.find((r: any) => r.key === customer.code)
    assert.equal(row.applied, '0.00')
    assert.equal(row.closing, '1000.00')
    const shown = await getAs(client, finance.token, route('documents.show', { id: document.id }))
    assert.deepEqual(
      shown.body().applications.map((a: any) => [a.amount, a.unapplied]),
      [['600.00', '600.00']]
    )
  })

  test('the database refuses an un-apply row that names no un-application journal', async ({
    client,
    assert,
  }) => {
    const { finance, customer, document } = await setup(client, '100.00', '100.00')
    const applied = await expectStatus(
      postAs(client, finance.token, route('applications.store'), {
        customerId: customer.id,
        documentId: document.id,
        amount: '40.00',
        currency: 'CNY',
      }),
      201
    )
    const error = await db
      .rawQuery(
        `INSERT INTO application_reversals (journal_id, application_journal_id, amount)
         VALUES (?, ?, 41)`,
        [applied.body().id, applied.body().id]
      )
      .catch((e) => e)
    assert.equal(error.code, 'ALR01')
    assert.equal(await openAmount(document.id), 60)
  })
})

/** Requests a 红冲 and approves it; the rule of the refusal, or 'posted'. */
async function submitAndApproveOrRefusal(
  client: Client,
  requester: string,
  approver: string,
  journalId: number
) {
  const submitted = await postAs(client, requester, route('journals.reverse', { id: journalId }), {
    reason: '整笔红冲',
  })
  if (submitted.status() !== 202) return submitted.body().errors[0].rule
  const approved = await postAs(
    client,
    approver,
    route('approvals.approve', { id: submitted.body().id }),
    {
      comment: 'ok',
    }
  )
  return approved.status() === 200 ? 'posted' : approved.body().errors[0].rule
}

test.group('Applications awaiting approval: the document is re-checked when they post', () => {
  test('two requests of 60% each: both wait, the second is refused at its approval', async ({
    client,
    assert,
  }) => {
    // the default rule: applications ≥ ¥500,000 go to a finance manager
    const { finance, manager, customer, document } = await setup(client, '2000000.00', '1000000.00')
    const request = () =>
      expectStatus(
        postAs(client, finance.token, route('applications.store'), {
          customerId: customer.id,
          documentId: document.id,
          amount: '600000.00',
          currency: 'CNY',
        }),
        202
      )
    const first = await request()
    const second = await request()
    // nothing is held on the document while they wait (the advance is held)
    assert.equal(await openAmount(document.id), 1000000)
    assert.equal((await balanceOf(client, finance.token, customer.id))!.pending, '1200000.00')
    await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: first.body().id }), {
        comment: 'ok',
      }),
      200
    )
    const refused = await postAs(
      client,
      manager.token,
      route('approvals.approve', { id: second.body().id }),
      { comment: 'ok' }
    )
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].rule, 'document_overapplied')
    assert.equal(await openAmount(document.id), 400000)
    assert.equal((await balanceOf(client, finance.token, customer.id))!.balance, '1400000.00')
  })
})

test.group('核销建议: suggestions, applied in one action', () => {
  test('oldest first against the available advance; applied through the same path', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, finance.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '500.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const make = async (number: string, amount: string, documentDate: string) => {
      const created = await expectStatus(
        postAs(client, finance.token, route('documents.store'), {
          customerId: customer.id,
          kind: 'invoice',
          number: unique(number),
          amount,
          currency: 'CNY',
          documentDate,
        }),
        201
      )
      return created.body()
    }
    const newest = await make('N', '300.00', '2026-11-20')
    const oldest = await make('O', '200.00', '2026-11-01')
    const middle = await make('M', '250.00', '2026-11-10')
    const url = route('customers.application_suggestions', { id: customer.id })
    const suggested = await getAs(client, finance.token, url)
    suggested.assertStatus(200)
    assert.deepEqual(
      suggested.body().suggestions.map((s: any) => [s.documentId, s.suggestedAmount]),
      [
        [oldest.id, '200.00'],
        [middle.id, '250.00'],
        [newest.id, '50.00'],
      ]
    )
    const applied = await expectStatus(
      postAs(
        client,
        finance.token,
        route('customers.application_suggestions.apply', { id: customer.id }),
        {
          items: suggested
            .body()
            .suggestions.map((s: any) => ({ documentId: s.documentId, amount: s.suggestedAmount })),
        }
      ),
      201
    )
    assert.deepEqual(
      applied.body().results.map((r: any) => r.status),
      [201, 201, 201]
    )
    assert.equal((await balanceOf(client, finance.token, customer.id))!.balance, '0.00')
    assert.deepEqual(
      [await openAmount(oldest.id), await openAmount(middle.id), await openAmount(newest.id)],
      [0, 0, 250]
    )
    const after = await getAs(client, finance.token, url)
    assert.deepEqual(after.body().suggestions, [])
  })

  test('by project: a project document takes no more than its project holds; all or none', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const customer = await makeCustomer()
    const p1 = await makeProject(customer.id)
    const p2 = await makeProject(customer.id)
    const receipt = (projectId: number, amount: string) =>
      expectStatus(
        postAs(client, finance.token, route('receipts.store'), {
          customerId: customer.id,
          projectId,
          amount,
          currency: 'CNY',
          channel: 'cash',
        }),
        201
      )
    await receipt(p1.id, '100.00')
    await receipt(p2.id, '400.00')
    const doc = async (projectId: number) => {
      const created = await expectStatus(
        postAs(client, finance.token, route('documents.store'), {
          customerId: customer.id,
          projectId,
          kind: 'order',
          number: unique('SO'),
          amount: '300.00',
          currency: 'CNY',
          documentDate: '2026-11-01',
        }),
        201
      )
      return created.body()
    }
    const d1 = await doc(p1.id)
    const d2 = await doc(p2.id)
    const suggested = await getAs(
      client,
      finance.token,
      `${route('customers.application_suggestions', { id: customer.id })}?order=project`
    )
    assert.deepEqual(
      suggested.body().suggestions.map((s: any) => [s.documentId, s.suggestedAmount]),
      [
        [d1.id, '100.00'],
        [d2.id, '300.00'],
      ]
    )
    // one item refused → nothing applied
    const refused = await postAs(
      client,
      finance.token,
      route('customers.application_suggestions.apply', { id: customer.id }),
      {
        items: [
          { documentId: d2.id, amount: '300.00' },
          { documentId: d1.id, amount: '300.01' },
        ],
      }
    )
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].rule, 'document_overapplied')
    assert.equal(await openAmount(d2.id), 300)
    assert.equal((await balanceOf(client, finance.token, customer.id))!.balance, '500.00')
  })
})
