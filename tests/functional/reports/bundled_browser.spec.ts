import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeUser } from '#tests/support/fixtures'
import { expectStatus, getAs } from '#tests/support/api'
import { customerWithJune, parseBinaryResponses, pdfText } from '#tests/support/report_fixtures'
import { closeSharedRenderer, sharedRenderer } from '#reports/renderer'
import { route } from '#tests/support/route'

const JUNE = 'from=2025-06-01&to=2025-06-30'
parseBinaryResponses()

/**
 * The fresh-machine path on every CI run: PDFs printed by the browser shipped in npm
 * (@sparticuz/chromium) with the font shipped in npm, even where Debian's Chromium is installed.
 */
test.group('Reports: the npm-shipped browser and font', (group) => {
  let before: string | undefined
  group.setup(async () => {
    before = process.env.PDF_BROWSER
    process.env.PDF_BROWSER = 'bundled'
    await closeSharedRenderer()
  })
  group.teardown(async () => {
    if (before === undefined) delete process.env.PDF_BROWSER
    else process.env.PDF_BROWSER = before
    await closeSharedRenderer()
  })

  test('a zh-CN statement: extractable Chinese (户, 页), amounts, the page footer', async ({
    client,
    assert,
  }) => {
    const { customer, token } = await customerWithJune(client)
    const response = await expectStatus(
      getAs(client, token, `${route('customers.statement_pdf', { id: customer.id })}?${JUNE}`),
      200
    )
    assert.equal(sharedRenderer().launched?.source, 'bundled')
    const pdf = Buffer.from(response.body() as any)
    const text = await pdfText(pdf)
    for (const expected of ['华东机械测试户', '客户预付款对账单', '13,200.25', '第 1 页 / 共 1 页'])
      assert.include(text, expected)
    // the font is embedded in subsets, not whole: a one-page statement stays small
    assert.isBelow(pdf.length, 400_000)
  })

  test('a customer name with markup prints literally, in English too', async ({
    client,
    assert,
  }) => {
    const { customer } = await customerWithJune(client)
    const name = `<b>x</b>&"'`
    await db.from('customers').where('id', customer.id).update({ name })
    const { token } = await makeUser('finance')
    for (const locale of ['zh-CN', 'en']) {
      const response = await expectStatus(
        getAs(
          client,
          token,
          `${route('customers.statement_pdf', { id: customer.id })}?${JUNE}&locale=${locale}`
        ),
        200
      )
      const text = await pdfText(Buffer.from(response.body() as any))
      assert.include(text, name)
      assert.notInclude(text, '&amp;')
    }
  })
})
