import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { makeBankAccount, nameCustomer, uploadStatement } from '#tests/support/banking'
import { route } from '#tests/support/route'

/**
 * docs/domain.md's month of 华东机械 with the bank's side: the 工行 export of November arrives as a
 * file; the 1 Nov ¥380,000 proves sales' receipt (到账确认), the 20 Nov ¥50,000 debit proves the
 * refund, the unnoticed duplicate of 9 Nov shows up as a receipt the bank never saw, and once it is
 * reversed everything reconciles to a balance of ¥180,000.
 */
test.group('Banking: the worked month arrives as a bank file', () => {
  test('bank file, matching, duplicate caught, reconciliation to ¥180,000', async ({
    client,
    assert,
  }) => {
    const sales = await makeUser('sales')
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer({ salesOwnerId: sales.user.id })
    await nameCustomer(customer.id, unique('华东机械有限公司'))
    const project = await makeProject(customer.id)
    const base = { customerId: customer.id, projectId: project.id, currency: 'CNY' }

    // 1 Nov: sales registers the transfer with the bank's reference; it waits for 到账确认
    const receipt = await expectStatus(
      postAs(client, sales.token, route('receipts.store'), {
        ...base,
        amount: '380000.00',
        channel: 'bank_transfer',
        bankReference: 'ICBC20261101000123',
        entryDate: '2026-11-01',
      }),
      201
    )
    assert.deepInclude(await balanceOf(client, finance.token, customer.id), {
      balance: '380000.00',
      unconfirmed: '380000.00',
      confirmed: '0.00',
    })
    // 5 Nov: 核销 ¥150,000
    await expectStatus(
      postAs(client, finance.token, route('applications.store'), {
        ...base,
        amount: '150000.00',
        documentType: 'invoice',
        documentNo: 'FP-0001',
        entryDate: '2026-11-05',
      }),
      201
    )
    // 9 Nov: the duplicate with the same reference is caught; one without a reference is not (yet)
    const caught = await postAs(client, sales.token, route('receipts.store'), {
      ...base,
      amount: '380000.00',
      channel: 'bank_transfer',
      bankReference: 'ICBC20261101000123',
      entryDate: '2026-11-09',
    })
    caught.assertStatus(409)
    assert.equal(caught.body().errors[0].rule, 'duplicate_receipt')
    const unnoticed = await expectStatus(
      postAs(client, sales.token, route('receipts.store'), {
        ...base,
        amount: '380000.00',
        channel: 'bank_transfer',
        entryDate: '2026-11-09',
      }),
      201
    )
    // 20 Nov: the refund of ¥50,000, approved by the finance manager
    const refund = await submitAndApprove(
      client,
      finance.token,
      manager.token,
      route('refunds.store'),
      {
        ...base,
        amount: '50000.00',
        reason: '客户要求退回部分预付款',
        entryDate: '2026-11-20',
      }
    )

    // 1 Dec: finance imports November's bank file
    const account = await makeBankAccount()
    const upload = await uploadStatement(
      client,
      finance.token,
      account.id,
      'icbc_worked_month_gbk.csv'
    )
    upload.assertStatus(201)
    assert.deepInclude(upload.body().matching, { linked: 2, autoPosted: 0 })
    const links = await db
      .from('bank_line_matches as m')
      .join('bank_lines as l', 'l.id', 'm.bank_line_id')
      .where('l.statement_id', upload.body().statementId)
      .orderBy('l.value_date')
      .select('m.journal_id', 'm.method', 'm.reason', 'l.amount', 'l.direction')
    assert.deepEqual(
      links.map((l) => [Number(l.journal_id), l.method, l.reason, l.direction, l.amount]),
      [
        [receipt.body().id, 'reference', 'reference', 'credit', '380000.0000'],
        [refund.result.id, 'amount_date', 'payer_account', 'debit', '50000.0000'],
      ]
    )
    const confirmation = await db
      .from('receipt_confirmations')
      .where('journal_id', receipt.body().id)
      .first()
    assert.include(confirmation, { status: 'confirmed', method: 'bank_line' })

    const period = `bankAccountId=${account.id}&from=2026-11-01&to=2026-11-30`
    const report = await expectStatus(
      getAs(client, finance.token, `${route('reconciliation.show')}?${period}`),
      200
    )
    const mine = (rows: any[]) => rows.filter((row) => row.customerId === customer.id)
    assert.deepEqual(report.body().bank.credits, {
      count: 2,
      total: '392500.00',
      matched: '380000.00',
    })
    assert.deepEqual(report.body().bank.debits, {
      count: 2,
      total: '50025.00',
      matched: '50000.00',
    })
    assert.equal(report.body().unregisteredCredits.total, '12500.00')
    assert.equal(
      report.body().unregisteredCredits.rows[0].counterpartyName,
      '杭州新材料科技有限公司'
    )
    // the unnoticed duplicate: registered, never seen by the bank
    assert.deepEqual(
      mine(report.body().receiptsWithoutBankLine.rows).map((r: any) => [
        r.journalId,
        r.amount,
        r.confirmation,
      ]),
      [[unnoticed.body().id, '380000', 'unconfirmed']]
    )

    // finance reverses the duplicate (红冲, approved) and clears the two lines that are no advances
    await submitAndApprove(
      client,
      finance.token,
      manager.token,
      route('journals.reverse', { id: unnoticed.body().id }),
      {
        reason: '重复登记 (银行流水无此笔)',
        entryDate: '2026-11-30',
      }
    )
    const open = await getAs(
      client,
      finance.token,
      `${route('bank_lines.index')}?status=open&bankAccountId=${account.id}`
    )
    for (const line of open.body().data) {
      await expectStatus(
        postAs(client, finance.token, route('bank_lines.ignore', { id: line.id }), {
          reason: '货款/手续费，非预收款',
        }),
        200
      )
    }
    const after = await expectStatus(
      getAs(client, finance.token, `${route('reconciliation.show')}?${period}`),
      200
    )
    assert.deepEqual(mine(after.body().receiptsWithoutBankLine.rows), [])
    assert.equal(after.body().unregisteredCredits.total, '0.00')
    assert.equal(after.body().unmatchedDebits.total, '0.00')
    assert.deepInclude(await balanceOf(client, finance.token, customer.id), {
      balance: '180000.00',
      available: '180000.00',
      unconfirmed: '0.00',
      confirmed: '180000.00',
    })
  })
})
