import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { postAs } from '#tests/support/api'
import { bodyOf, csvFile, uploadImport } from '#tests/support/imports'
import { route } from '#tests/support/route'

const DOCUMENTS = '客户编码,项目编码,单据类型,单据号,金额,币种,单据日期,到期日,备注'

test.group('Imports: documents (单据)', () => {
  test('rows checked by the API rules; committed once; a number already there is skipped', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const number = unique('FP')
    const bad = csvFile([
      DOCUMENTS,
      `${customer.code},,发票,${number}-1,"1,200.00",CNY,2026-11-01,,一期`,
      `${customer.code},,收据,${number}-2,10.00,CNY,2026-11-02,,`,
      `${customer.code},,订单,${number}-1,10.00,CNY,2026-11-03,,`,
    ])
    const rejected = await bodyOf(uploadImport(client, token, 'documents', bad), 201)
    assert.equal(rejected.status, 'rejected')
    assert.deepEqual(
      rejected.errors.map((e: any) => [e.row, e.rule]),
      [
        [3, 'format'],
        [4, 'duplicate_in_file'],
      ]
    )
    const good = csvFile([
      DOCUMENTS,
      `${customer.code},,发票,${number}-1,"1,200.00",CNY,2026-11-01,,一期`,
      `${customer.code},,订单,${number}-2,300.00,CNY,2026-11-02,2026-12-31,`,
    ])
    const job = await bodyOf(uploadImport(client, token, 'documents', good), 201)
    assert.equal(job.status, 'validated')
    await bodyOf(postAs(client, token, route('imports.commit', { id: job.id }), {}), 200)
    const rows = await db.from('documents').where('customer_id', customer.id).orderBy('number')
    assert.deepEqual(
      rows.map((d) => [d.kind, d.amount, d.open_amount]),
      [
        ['invoice', '1200.0000', '1200.0000'],
        ['order', '300.0000', '300.0000'],
      ]
    )
    // the rows again with one more: the numbers already there are skipped
    const more = csvFile([
      DOCUMENTS,
      `${customer.code},,发票,${number}-1,"1,200.00",CNY,2026-11-01,,一期`,
      `${customer.code},,订单,${number}-2,300.00,CNY,2026-11-02,2026-12-31,`,
      `${customer.code},,发票,${number}-3,50.00,CNY,2026-11-05,,`,
    ])
    const again = await bodyOf(uploadImport(client, token, 'documents', more), 201)
    assert.equal(again.skippedRows, 2)
    await bodyOf(postAs(client, token, route('imports.commit', { id: again.id }), {}), 200)
    assert.equal(
      await db
        .from('documents')
        .where('customer_id', customer.id)
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      3
    )
  })
})
