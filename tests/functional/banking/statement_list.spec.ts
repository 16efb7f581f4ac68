import { test } from '@japa/runner'
import { makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { makeBankAccount, uploadStatement } from '#tests/support/banking'

/** Lists that reach every row: a page at a time, or narrowed, never a fixed newest few. */
test.group('Lists: bank statements and exchange rates', () => {
  test('imported statements page newest first by nextBeforeId, per account', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const account = await makeBankAccount()
    const ids: number[] = []
    for (const file of ['icbc_worked_month_gbk.csv', 'icbc_overlap_gbk.csv', 'wechat_bill.csv']) {
      const upload = await uploadStatement(client, token, account.id, file)
      ids.push(upload.body().statementId)
    }
    const list = (query: string) =>
      expectStatus(getAs(client, token, `/api/v1/bank-statements?${query}`), 200)

    const first = await list(`bankAccountId=${account.id}&limit=2`)
    assert.deepEqual(
      first.body().data.map((s: { id: number }) => s.id),
      [ids[2], ids[1]]
    )
    assert.equal(first.body().nextBeforeId, ids[1])
    const next = await list(`bankAccountId=${account.id}&limit=2&beforeId=${ids[1]}`)
    assert.deepEqual(
      next.body().data.map((s: { id: number; bankAccountId: number }) => [s.id, s.bankAccountId]),
      [[ids[0], account.id]]
    )
    assert.isNull(next.body().nextBeforeId)
    const refused = await expectStatus(getAs(client, token, '/api/v1/bank-statements?limit=0'), 422)
    assert.equal(refused.body().errors[0].field, 'limit')
  })

  test('exchange rates narrow by currency and dates, newest first; every one stays reachable', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    for (const day of ['01', '02', '03', '04', '05']) {
      await expectStatus(
        postAs(client, token, '/api/v1/exchange-rates', {
          currency: 'HKD',
          rateDate: `2019-03-${day}`,
          rate: `0.9${day}`,
        }),
        201
      )
    }
    const rates = async (query: string) => {
      const response = await expectStatus(
        getAs(client, token, `/api/v1/exchange-rates?${query}`),
        200
      )
      return response.body().data as Array<{ currency: string; rate: string }>
    }
    const march = await rates('currency=HKD&from=2019-03-02&to=2019-03-04')
    assert.deepEqual(
      march.map((r) => r.rate),
      ['0.9040000000', '0.9030000000', '0.9020000000']
    )
    assert.lengthOf(await rates('currency=HKD&from=2019-03-01&to=2019-03-31&limit=1'), 1)
    const refused = await expectStatus(
      getAs(client, token, '/api/v1/exchange-rates?currency=XXX'),
      422
    )
    assert.equal(refused.body().errors[0].field, 'currency')
  })
})
