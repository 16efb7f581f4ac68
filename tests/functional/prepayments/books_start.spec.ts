import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { apiAnswerFor } from '#exceptions/handler'
import { systemActor } from '#kernel/actor'
import { updateCompanyProfile } from '#kernel/company_profile'
import { runInTransaction } from '#kernel/unit_of_work'
import { expectStatus, postAs } from '#tests/support/api'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { bodyOf, csvFile, ledgerCounts, uploadImport } from '#tests/support/imports'
import { route } from '#tests/support/route'

const RECEIPT_HEADER = '外部单号,客户编码,币种,金额,入账日期,收款方式,银行流水号,备注'

async function setBooksStart(date: string | null) {
  await runInTransaction(systemActor('test'), (uow) =>
    updateCompanyProfile(uow, { booksStartDate: date })
  )
}

/** The first day of the month of the shared database's first entry (other files post in 1991). */
async function earliestPossibleStart() {
  const row = await db.rawQuery(
    `SELECT to_char(coalesce(date_trunc('month', min(entry_date)), '1985-01-01'), 'YYYY-MM-DD') AS d
       FROM journals`
  )
  return row.rows[0].d as string
}

const dayBefore = (date: string) => DateTime.fromISO(date).minus({ days: 1 }).toISODate()!

test.group('账套启用日期: nothing is dated before the books start', (group) => {
  group.each.teardown(() => setBooksStart(null))

  test('a receipt and a refund request dated before it are refused, in both languages, writing nothing', async ({
    client,
    assert,
  }) => {
    const start = await earliestPossibleStart()
    await setBooksStart(start)
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const before = await ledgerCounts()
    const receipt = {
      customerId: customer.id,
      amount: '100.00',
      currency: 'CNY',
      channel: 'bank_transfer',
      entryDate: dayBefore(start),
    }
    const zh = await expectStatus(
      postAs(client, token, route('receipts.store'), receipt).header('Accept-Language', 'zh-CN'),
      422
    )
    assert.deepEqual(zh.body().errors[0].field, 'entryDate')
    assert.equal(zh.body().errors[0].rule, 'before_books_start')
    assert.include(zh.body().errors[0].message, `账套启用日期 ${start}`)
    const en = await expectStatus(
      postAs(client, token, route('receipts.store'), receipt).header('Accept-Language', 'en'),
      422
    )
    assert.include(en.body().errors[0].message, `books start ${start}`)
    const refund = await expectStatus(
      postAs(client, token, route('refunds.store'), {
        customerId: customer.id,
        amount: '1.00',
        currency: 'CNY',
        entryDate: dayBefore(start),
        reason: 'typo in the year',
      }),
      422
    )
    assert.equal(refund.body().errors[0].rule, 'before_books_start')
    assert.deepEqual(await ledgerCounts(), before)

    // on the start itself the receipt posts
    await expectStatus(
      postAs(client, token, route('receipts.store'), { ...receipt, entryDate: start }),
      201
    )
  })

  test('an import marks the row dated before it and posts nothing', async ({ client, assert }) => {
    const start = await earliestPossibleStart()
    await setBooksStart(start)
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const ref = unique('BS')
    const file = csvFile([
      RECEIPT_HEADER,
      `${ref}-1,${customer.code},CNY,100.00,${dayBefore(start)},银行转账,,`,
      `${ref}-2,${customer.code},CNY,200.00,${start},银行转账,,`,
    ])
    const job = await bodyOf(uploadImport(client, token, 'receipts', file), 201)
    assert.equal(job.status, 'rejected')
    assert.deepEqual(
      job.errors.map((e: any) => [e.row, e.column, e.rule, e.message]),
      [[2, '入账日期', 'before_books_start', `日期早于账套启用日期 ${start}`]]
    )
  })

  test('the start never moves past a posted entry; earlier is fine', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '5.00',
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
      201
    )
    const start = await earliestPossibleStart()
    const later = DateTime.fromISO(start).plus({ months: 1 }).toISODate()!
    const error = await setBooksStart(later).then(
      () => null,
      (e) => e
    )
    assert.equal(error?.code, 'ALP03')
    const answer = apiAnswerFor(error, 'zh-CN')
    assert.equal(answer?.status, 409)
    assert.equal(answer?.errors[0].rule, 'books_start_after_entries')
    assert.include(answer?.errors[0].message, '账套启用日期不能晚于')
    const row = await db.from('company_settings').where('id', 1).first()
    assert.isNull(row.books_start_date)

    await setBooksStart(dayBefore(start))
    const moved = await db.from('company_settings').where('id', 1).first()
    assert.equal(moved.books_start_date, dayBefore(start))
  })
})
