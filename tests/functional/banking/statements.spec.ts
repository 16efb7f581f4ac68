import { test } from '@japa/runner'
import { Decimal } from 'decimal.js'
import db from '@adonisjs/lucid/services/db'
import { countRows, makeUser } from '#tests/support/fixtures'
import { linesOf, makeBankAccount, uploadStatement } from '#tests/support/banking'

test.group('Bank statements: import, re-import, immutability', () => {
  test('a GBK bank export is stored once; the same file again and an overlapping file add nothing twice', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const account = await makeBankAccount()
    const first = await uploadStatement(client, token, account.id, 'icbc_worked_month_gbk.csv')
    first.assertStatus(201)
    assert.include(first.body(), {
      profile: 'cn_bank',
      lineCount: 4,
      newLineCount: 4,
      alreadyImported: false,
    })
    const stored = await linesOf(first.body().statementId)
    assert.deepEqual(
      stored.map((l) => `${l.direction} ${l.amount} ${l.line_key}`),
      [
        'credit 380000.0000 ref:ICBC20261101000123',
        'credit 12500.0000 ref:ICBC20261103000456',
        'debit 25.0000 ref:ICBC20261115000789',
        'debit 50000.0000 ref:ICBC20261120000321',
      ]
    )
    const statement = await db.from('bank_statements').where('id', first.body().statementId).first()
    assert.match(statement.file_sha256, /^[0-9a-f]{64}$/)

    const again = await uploadStatement(client, token, account.id, 'icbc_worked_month_gbk.csv')
    again.assertStatus(200)
    assert.include(again.body(), {
      statementId: first.body().statementId,
      alreadyImported: true,
      newLineCount: 0,
    })

    const overlap = await uploadStatement(client, token, account.id, 'icbc_overlap_gbk.csv')
    overlap.assertStatus(201)
    assert.include(overlap.body(), { lineCount: 2, newLineCount: 1 })
    assert.equal(await countRows('bank_lines', { bank_account_id: account.id }), 5)
    assert.equal(await countRows('bank_statements', { bank_account_id: account.id }), 2)
  })

  test('lines and statements are immutable; only the work-queue status moves', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const account = await makeBankAccount()
    const upload = await uploadStatement(client, token, account.id, 'generic.csv', 'generic')
    upload.assertStatus(201)
    const [line] = await linesOf(upload.body().statementId)
    await assert.rejects(
      () => db.from('bank_lines').where('id', line.id).update({ amount: '1.00' }),
      /immutable/
    )
    await assert.rejects(() => db.from('bank_lines').where('id', line.id).delete(), /immutable/)
    await assert.rejects(
      () =>
        db
          .from('bank_statements')
          .where('id', upload.body().statementId)
          .update({ file_name: 'x' }),
      /immutable/
    )
    await db.from('bank_lines').where('id', line.id).update({ status_note: 'looked at' })
    const after = await db.from('bank_lines').where('id', line.id).first()
    assert.equal(after.amount, '250000.0000')
    assert.equal(after.status_note, 'looked at')
  })

  test('a file for another account, an unreadable row, a sales user: refused, nothing written', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const sales = await makeUser('sales')
    const account = await makeBankAccount()
    const before = await countRows('bank_lines')
    const wrong = await uploadStatement(client, token, account.id, 'mt940.sta')
    wrong.assertStatus(422)
    assert.equal(wrong.body().errors[0].rule, 'account_mismatch')

    const bad = await client
      .post('/api/v1/bank-statements')
      .bearerToken(token)
      .header('Accept-Language', 'en')
      .file('file', Buffer.from('交易日期,贷方金额\n2026-11-01,100\n2026-11-02,一百\n'), {
        filename: 'bad.csv',
      })
      .field('bankAccountId', String(account.id))
    bad.assertStatus(422)
    assert.deepEqual(bad.body().errors[0], {
      field: 'file',
      rule: 'amount',
      message: 'row 3, amount: no readable amount in the row',
      meta: { row: 3, column: 'amount' },
    })
    const forbidden = await uploadStatement(client, sales.token, account.id, 'generic.csv')
    forbidden.assertStatus(403)
    assert.equal(await countRows('bank_lines'), before)
    assert.equal(await countRows('bank_statements', { bank_account_id: account.id }), 0)
  })

  test('camt.053, MT940, WeChat, Alipay and XLSX arrive through the API', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance_manager')
    const cases: Array<
      [string, { accountNo?: string; currency?: string; channel?: string }, number]
    > = [
      ['camt053.xml', { accountNo: '6222021001099999999', currency: 'USD' }, 4],
      ['mt940.sta', { accountNo: '6222021001012345678' }, 3],
      ['wechat_bill.csv', { channel: 'wechat' }, 3],
      ['alipay_bill.csv', { channel: 'alipay' }, 2],
      ['ccb_merged_header.xlsx', {}, 2],
    ]
    for (const [file, attributes, lines] of cases) {
      const account = await makeBankAccount(attributes)
      const upload = await uploadStatement(client, token, account.id, file)
      upload.assertStatus(201)
      assert.equal(upload.body().newLineCount, lines, file)
    }
  })

  test("the executive pack's unreconciled amount counts an unregistered bank credit", async ({
    client,
    assert,
  }) => {
    const { ExecPackBuilder } = await import('#modules/reports/services/exec_pack_builder')
    const { token } = await makeUser('finance')
    const account = await makeBankAccount()
    const period = { from: '2019-03-01', to: '2019-03-31' }
    const before = await new ExecPackBuilder().build(period)
    const csv = Buffer.from(
      '交易日期,贷方金额,对方户名,流水号\n2019-03-05,"1,234.56",无名氏,X-2019-1\n'
    )
    const upload = await client
      .post('/api/v1/bank-statements')
      .bearerToken(token)
      .file('file', csv, { filename: 'march.csv' })
      .field('bankAccountId', String(account.id))
    upload.assertStatus(201)
    const after = await new ExecPackBuilder().build(period)
    const delta = new Decimal(after.unreconciledAmount).minus(before.unreconciledAmount)
    assert.equal(delta.toFixed(2), '1234.56')
    assert.match(after.unreconciledAmount, /^\d+\.\d{2}$/)
  })
})
