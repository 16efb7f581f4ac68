import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs } from '#tests/support/api'
import { parseBinaryResponses, sentDelivery } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'
import { baseUrl, panelCookie } from '#tests/support/browser'

/*
| A delivery keeps the files it sent: the PDF, and for a statement printed per day the XLSX of every
| line. The API and the panel hand out the same bytes (delivery_files.ts); the panel shows the PDF
| in the browser, the API offers it as an attachment.
*/

parseBinaryResponses()

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

test.group('Report deliveries: the stored files through the API and the panel', () => {
  test('the PDF and the lines XLSX, the same bytes in both; 409 for a file the delivery has not', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const sales = await makeUser('sales')
    const customer = await makeCustomer()
    const pdf = Buffer.from('%PDF-1.7 the statement sent')
    const { deliveryId: id } = await sentDelivery(customer.id, pdf)

    // a PDF listing every movement: no XLSX went with it
    const none = await getAs(client, finance.token, route('report_deliveries.xlsx', { id }))
    none.assertStatus(409)
    assert.equal(none.body().errors[0].rule, 'not_rendered')

    const xlsx = Buffer.from('PK\u0003\u0004 the lines of a per-day statement')
    await db
      .from('report_deliveries')
      .where('id', id)
      .update({ xlsx, xlsx_file_name: '对账单明细_C1_2025-06-01_2025-06-30.xlsx' })

    const apiPdf = await expectStatus(
      getAs(client, finance.token, route('report_deliveries.pdf', { id })),
      200
    )
    assert.equal(sha(Buffer.from(apiPdf.body() as any)), sha(pdf))
    assert.equal(apiPdf.header('x-content-sha256'), sha(pdf))
    assert.match(apiPdf.header('content-disposition') ?? '', /^attachment; /)
    const apiXlsx = await expectStatus(
      getAs(client, finance.token, route('report_deliveries.xlsx', { id })),
      200
    )
    assert.isTrue(Buffer.from(apiXlsx.body() as any).equals(xlsx))
    assert.include(
      apiXlsx.header('content-disposition'),
      `filename*=UTF-8''${encodeURIComponent('对账单明细_C1_2025-06-01_2025-06-30.xlsx')}`
    )
    assert.equal(apiXlsx.header('x-content-type-options'), 'nosniff')
    await expectStatus(getAs(client, sales.token, route('report_deliveries.xlsx', { id })), 403)
    await expectStatus(
      getAs(client, finance.token, route('report_deliveries.xlsx', { id: 999999999 })),
      404
    )

    const cookie = await panelCookie(finance.user.email, finance.password)
    const panelPdf = await fetch(`${baseUrl()}${route('admin.report_deliveries.pdf', { id })}`, {
      headers: { cookie },
    })
    assert.equal(panelPdf.status, 200)
    assert.match(panelPdf.headers.get('content-disposition') ?? '', /^inline; /)
    assert.equal(sha(Buffer.from(await panelPdf.arrayBuffer())), sha(pdf))
    const panelXlsx = await fetch(`${baseUrl()}${route('admin.report_deliveries.xlsx', { id })}`, {
      headers: { cookie },
    })
    assert.equal(panelXlsx.status, 200)
    assert.isTrue(Buffer.from(await panelXlsx.arrayBuffer()).equals(xlsx))
  })
})
