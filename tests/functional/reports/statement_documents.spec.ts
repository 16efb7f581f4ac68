import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs, submitAndApprove } from '#tests/support/api'
import { parseBinaryResponses, pdfPage } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'
import { closeSharedRenderer } from '#reports/renderer'
import { amount } from '#reports/document'
import { statementLayout } from '#reports/statement_document'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { updateCompanyProfile } from '#kernel/company_profile'
import { StatementBuilder } from '#modules/reports/services/statement_builder'
import app from '@adonisjs/core/services/app'

parseBinaryResponses()

const LETTERHEAD = {
  nameEn: 'Letterhead Test Co., Ltd.',
  address: '上海市徐汇区测试路 1 号',
  addressEn: '1 Test Road, Xuhui, Shanghai',
  phone: '021-6000 1234',
  taxId: '91310000TEST12345X',
  bankName: '工商银行徐汇支行',
  bankAccount: '1001 2345 6789 000',
  financeContactName: '王会计',
  financeContactEmail: 'ar@letterhead.test',
}

async function pageText(pdf: Buffer, page: number) {
  const { text } = await pdfPage(pdf, page)
  return text
}

async function pageCount(pdf: Buffer) {
  const { total } = await pdfPage(pdf, 1)
  return total
}

async function receipts(client: ApiClient, token: string, customerId: number, dates: string[]) {
  const posted = []
  for (const [i, entryDate] of dates.entries()) {
    const response = await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId,
        currency: 'CNY',
        amount: `${1000 + i}.25`,
        channel: 'bank_transfer',
        bankReference: unique('BR'),
        entryDate,
      }),
      201
    )
    posted.push(response.body())
  }
  return posted
}

test.group('Statements customers sign (issue 17)', (group) => {
  group.setup(async () => {
    await runInTransaction(systemActor('test'), (uow) => updateCompanyProfile(uow, LETTERHEAD))
  })
  group.teardown(async () => {
    await closeSharedRenderer()
  })

  test('letterhead, customer address, statement number, a reversal described, no internal jargon', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const { token: manager } = await makeUser('finance_manager')
    const customer = await makeCustomer()
    await db.from('customers').where('id', customer.id).update({
      name: '签章测试客户',
      name_en: 'Seal Test Customer Ltd.',
      address: '杭州市西湖区文三路 100 号',
    })
    const [receipt] = await receipts(client, token, customer.id, ['2025-03-03', '2025-03-05'])
    await submitAndApprove(client, token, manager, route('journals.reverse', { id: receipt.id }), {
      reason: '重复登记同一笔到账',
      entryDate: '2025-03-06',
    })
    const period = 'from=2025-03-01&to=2025-03-31'
    const model = await expectStatus(
      getAs(client, token, `${route('customers.statement', { id: customer.id })}?${period}`),
      200
    )
    const vm = model.body()
    assert.match(vm.statementNo, /^DZ\d{4}-\d{6}$/)
    const reversal = vm.sections[0].rows.find((r: any) => r.kind === 'reversal')
    assert.equal(
      reversal.description,
      `冲销 ${receipt.journalNo}（到账） · 原因：重复登记同一笔到账`
    )

    const pdf = await expectStatus(
      getAs(client, token, `${route('customers.statement_pdf', { id: customer.id })}?${period}`),
      200
    )
    const first = await pageText(pdf.body(), 1)
    const text = first.replace(/\s+/g, ' ')
    for (const expected of [
      LETTERHEAD.address,
      LETTERHEAD.phone,
      LETTERHEAD.taxId,
      LETTERHEAD.bankAccount,
      LETTERHEAD.financeContactEmail,
      '杭州市西湖区文三路 100 号',
      vm.statementNo,
      `冲销 ${receipt.journalNo}`,
      '客户确认（盖章）',
      '本公司（盖章）',
    ]) {
      assert.include(text, expected)
    }
    assert.notInclude(text, '账簿位置')

    const en = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement_pdf', { id: customer.id })}?${period}&locale=en`
      ),
      200
    )
    const firstEn = await pageText(en.body(), 1)
    const english = firstEn.replace(/\s+/g, ' ')
    assert.include(english, LETTERHEAD.addressEn)
    assert.include(english, 'Seal Test Customer Ltd.')
    assert.include(english, `Reverses ${receipt.journalNo} (Receipt)`)
    // the same statement (same ledger) keeps its number in either language
    assert.include(english, vm.statementNo)
  }).timeout(120_000)

  test('statement numbers are sequential per year, stored, and kept for the same statement', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await receipts(client, token, customer.id, ['2025-04-02'])
    const builder = await app.container.make(StatementBuilder)
    const period = { from: '2025-04-01', to: '2025-04-30' }
    const first = await builder.build(customer.id, period)
    const again = await builder.build(customer.id, period)
    assert.equal(again.statementNo, first.statementNo)
    await receipts(client, token, customer.id, ['2025-04-03'])
    const changed = await builder.build(customer.id, period)
    const seq = (no: string) => Number(no.split('-')[1])
    assert.isAbove(seq(changed.statementNo), seq(first.statementNo))
    const stored = await db
      .from('statement_numbers')
      .where('customer_id', customer.id)
      .orderBy('id')
    assert.deepEqual(
      stored.map((row) => [row.number, Number(row.ledger_position)]),
      [
        [first.statementNo, first.ledgerPosition],
        [changed.statementNo, changed.ledgerPosition],
      ]
    )
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'statement_number', entity_id: String(stored[0].id), action: 'issue' })
    assert.lengthOf(audit, 1)
  }).timeout(60_000)

  test('a long statement: 过次页 ends page 1, page 2 opens with the running header and 承前页', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const dates = Array.from(
      { length: 70 },
      (_, i) => `2025-05-${String(1 + (i % 28)).padStart(2, '0')}`
    )
    await receipts(client, token, customer.id, dates.sort())
    const builder = await app.container.make(StatementBuilder)
    const vm = await builder.build(customer.id, { from: '2025-05-01', to: '2025-05-31' })
    const layout = statementLayout(vm, 'x.xlsx')
    const response = await expectStatus(
      getAs(
        client,
        token,
        `${route('customers.statement_pdf', { id: customer.id })}?from=2025-05-01&to=2025-05-31`
      ),
      200
    )
    const pdf = response.body()
    // the layout's pages are the PDF's pages: no page overflowed
    assert.equal(await pageCount(pdf), layout.pages.length)
    assert.isAtLeast(layout.pages.length, 2)
    const chunk = layout.pages[0].blocks.find((b) => b.type === 'rows') as any
    const carried = chunk.carriedTo
    assert.equal(carried.balance, chunk.rows.at(-1).balance)
    const one = await pageText(pdf, 1)
    const two = await pageText(pdf, 2)
    assert.match(one, new RegExp(`过次页.*${amount(carried.balance).replace(/\./g, '\\.')}`))
    assert.match(two, new RegExp(`承前页.*${amount(carried.balance).replace(/\./g, '\\.')}`))
    assert.include(two.replace(/\s+/g, ' '), vm.statementNo)
    assert.include(two, '（续）')
  }).timeout(120_000)
})
