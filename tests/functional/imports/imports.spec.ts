import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import iconv from 'iconv-lite'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { bodyOf, csvFile, ledgerCounts, uploadImport, xlsxRows } from '#tests/support/imports'
import { parseBinaryResponses } from '#tests/support/report_fixtures'
import { route } from '#tests/support/route'
import { xlsxZipBomb } from '#tests/support/zip_bomb'

parseBinaryResponses()

const RECEIPT_HEADER = '外部单号,客户编码,币种,金额,入账日期,收款方式,银行流水号,备注'

test.group('Imports: receipts', () => {
  test('a zip bomb posing as a spreadsheet is refused as a file, with its reason, and writes nothing', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const before = await ledgerCounts()
    const bomb = xlsxZipBomb(300)
    const job = await bodyOf(uploadImport(client, token, 'receipts', bomb, {}, 'bomb.xlsx'), 201)
    assert.equal(job.status, 'rejected')
    assert.deepEqual(
      job.errors.map((e: any) => [e.row, e.column, e.rule]),
      [[0, null, 'too_large']]
    )
    assert.equal(
      job.errors[0].messageEn,
      'a part of the file unpacks to more than 256 MB: not a spreadsheet this reads'
    )
    assert.deepEqual(await ledgerCounts(), before)
    const report = await expectStatus(
      getAs(client, token, route('imports.error_report', { id: job.id })),
      200
    )
    const rows = await xlsxRows(report.body())
    assert.deepEqual(rows[0], ['错误 Errors', '行号 Row'])
    assert.include(String(rows[1][0]), '解压后')
  }).timeout(60_000)

  test('a dry run rejects bad rows by row, column and rule and writes nothing; the fixed file commits', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const ref = unique('R')
    const before = await ledgerCounts()
    const bad = csvFile([
      '历史收款导入,,,,,,,',
      RECEIPT_HEADER,
      `${ref}-1,${customer.code},CNY,"120,000.00",2026-01-05,银行转账,${ref}-B1,一期`,
      `${ref}-2,NO-SUCH,CNY,100.00,2026-01-06,银行转账,,`,
      `${ref}-3,${customer.code},CNY,10.123,2026-01-07,微信,,`,
      `${ref}-4,${customer.code},CNY,50.00,2026/13/40,现金,,`,
      `${ref}-1,${customer.code},CNY,60000.00,2026-01-20,银行转账,${ref}-B2,重复`,
      `${ref}-6,${customer.code},CNY,60000.00,2026-01-20,比特币,,`,
    ])
    const response = await expectStatus(uploadImport(client, token, 'receipts', bad), 201)
    const job = response.body()
    assert.equal(job.status, 'rejected')
    assert.equal(job.totalRows, 6)
    assert.equal(job.errorRows, 5)
    assert.deepEqual(
      job.errors.map((e: any) => [e.row, e.column, e.rule]),
      [
        [4, '客户编码', 'customer_missing'],
        [5, '金额', 'decimalPlaces'],
        [6, '入账日期', 'date'],
        [7, '外部单号', 'duplicate_in_file'],
        [8, '收款方式', 'format'],
      ]
    )
    assert.include(job.errors[0].message, '客户编码不存在')
    assert.include(job.errors[0].messageEn, 'no customer has code NO-SUCH')
    assert.deepEqual(await ledgerCounts(), before)

    // the error report: the rejected rows as uploaded, with the reasons in a last column
    const report = await expectStatus(
      getAs(client, token, route('imports.error_report', { id: job.id })),
      200
    )
    const rows = await xlsxRows(report.body())
    assert.deepEqual(rows[0].slice(0, 2), ['外部单号', '客户编码'])
    assert.equal(rows[0][8], '错误 Errors')
    assert.deepEqual(
      rows.slice(1).map((r) => r[9]),
      ['4', '5', '6', '7', '8']
    )
    assert.include(rows[1][8], '客户编码不存在')

    // fixed: the good rows commit, all or nothing
    const fixed = csvFile([
      RECEIPT_HEADER,
      `${ref}-1,${customer.code},CNY,"120,000.00",2026-01-05,银行转账,${ref}-B1,一期`,
      `${ref}-5,${customer.code},CNY,60000.00,2026-01-20,银行转账,${ref}-B2,二期`,
    ])
    const validated = await bodyOf(uploadImport(client, token, 'receipts', fixed), 201)
    assert.equal(validated.status, 'validated')
    assert.deepEqual(await ledgerCounts(), before)
    const committed = await bodyOf(
      postAs(client, token, route('imports.commit', { id: validated.id }), {}),
      200
    )
    assert.equal(committed.status, 'committed')
    assert.equal(committed.postedRows, 2)
    const balance = await balanceOf(client, token, customer.id)
    assert.equal(balance?.balance, '180000.00')
    const journals = await db
      .from('journals')
      .where('customer_id', customer.id)
      .orderBy('bank_reference')
      .select('kind', 'amount', 'bank_reference', 'channel')
    assert.deepEqual(
      journals.map((j) => [j.kind, j.amount, j.bank_reference]),
      [
        ['receipt', '120000.0000', `${ref}-B1`],
        ['receipt', '60000.0000', `${ref}-B2`],
      ]
    )
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'import_job', entity_id: String(validated.id), action: 'commit' })
      .first()
    assert.equal(audit.after.fileSha256, validated.fileSha256)
    assert.equal(audit.after.postedRows, 2)
    // the outbox tells subscribers, in the same transaction as the commit
    const completed = await db
      .from('outbox_events')
      .where('type', 'import.completed')
      .whereRaw(`(data->>'importId')::bigint = ?`, [validated.id])
      .select('data')
    assert.lengthOf(completed, 1)
    assert.include(completed[0].data, { kind: 'receipts', postedRows: 2, totalRows: 2 })
    assert.equal(completed[0].data.fileSha256, validated.fileSha256)
    const lines = await db.rawQuery(
      `SELECT sum(debit) AS d, sum(credit) AS c FROM journal_lines l JOIN journals j ON j.id = l.journal_id
        WHERE j.customer_id = ?`,
      [customer.id]
    )
    assert.equal(lines.rows[0].d, lines.rows[0].c)
  })

  test('re-uploading the file, or its rows in another file, posts nothing twice', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const ref = unique('R')
    const file = csvFile([
      RECEIPT_HEADER,
      `${ref}-1,${customer.code},CNY,100.00,2026-02-01,银行转账,,`,
      `${ref}-2,${customer.code},CNY,200.00,2026-02-02,银行转账,,`,
    ])
    const first = await bodyOf(uploadImport(client, token, 'receipts', file), 201)
    await expectStatus(postAs(client, token, route('imports.commit', { id: first.id }), {}), 200)
    const after = await ledgerCounts()

    const again = await expectStatus(uploadImport(client, token, 'receipts', file), 200)
    assert.equal(again.body().duplicateOf, first.id)
    assert.deepEqual(await ledgerCounts(), after)

    const overlapping = csvFile([
      RECEIPT_HEADER,
      `${ref}-2,${customer.code},CNY,200.00,2026-02-02,银行转账,,`,
      `${ref}-3,${customer.code},CNY,300.00,2026-02-03,银行转账,,`,
    ])
    const second = await bodyOf(uploadImport(client, token, 'receipts', overlapping), 201)
    assert.equal(second.skippedRows, 1)
    const done = await bodyOf(
      postAs(client, token, route('imports.commit', { id: second.id }), {}),
      200
    )
    assert.equal(done.postedRows, 1)
    assert.equal(done.skippedRows, 1)
    const balance = await balanceOf(client, token, customer.id)
    assert.equal(balance?.balance, '600.00')
    await expectStatus(postAs(client, token, route('imports.commit', { id: second.id }), {}), 409)
  })

  test('a sales user may import receipts only for their own customers', async ({
    client,
    assert,
  }) => {
    const sales = await makeUser('sales')
    const other = await makeCustomer()
    const own = await makeCustomer({ salesOwnerId: sales.user.id })
    const ref = unique('R')
    const file = csvFile([
      RECEIPT_HEADER,
      `${ref}-1,${own.code},CNY,100.00,2026-02-01,,,`,
      `${ref}-2,${other.code},CNY,100.00,2026-02-01,,,`,
    ])
    const job = await bodyOf(uploadImport(client, sales.token, 'receipts', file), 201)
    assert.deepEqual(
      job.errors.map((e: any) => [e.row, e.rule]),
      [[3, 'customer_forbidden']]
    )
    const auditor = await makeUser('auditor')
    await expectStatus(uploadImport(client, auditor.token, 'receipts', file), 403)

    // what sales imports waits for 到账确认, as a receipt sales registers does
    const ownOnly = csvFile([RECEIPT_HEADER, `${ref}-1,${own.code},CNY,100.00,2026-02-01,,,`])
    const valid = await bodyOf(uploadImport(client, sales.token, 'receipts', ownOnly), 201)
    await bodyOf(postAs(client, sales.token, route('imports.commit', { id: valid.id }), {}), 200)
    const finance = await makeUser('finance')
    assert.deepInclude(await balanceOf(client, finance.token, own.id), {
      balance: '100.00',
      unconfirmed: '100.00',
      confirmed: '0.00',
    })
    const waiting = await db
      .from('receipt_confirmations')
      .where({ customer_id: own.id, status: 'unconfirmed' })
      .select('amount', 'entered_by')
    assert.deepEqual(
      waiting.map((w) => [w.amount, Number(w.entered_by)]),
      [['100.0000', sales.user.id]]
    )
  })
})

test.group('Imports: opening balances', () => {
  test('go to a finance manager, post once per customer × currency × project, again only after a reversal', async ({
    client,
    assert,
  }) => {
    const finance = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const projectRow = await db.from('projects').where('id', project.id).first()
    const projectCode = projectRow.code
    const file = csvFile([
      '客户编码,项目编码,币种,期初余额,备注',
      `${customer.code},,CNY,5000.00,期初`,
      `${customer.code},${projectCode},CNY,1200.50,项目期初`,
    ])
    const fields = { goLiveDate: '2026-01-01' }
    const job = await bodyOf(uploadImport(client, finance.token, 'opening', file, fields), 201)
    assert.equal(job.status, 'validated')
    const held = await expectStatus(
      postAs(client, finance.token, route('imports.commit', { id: job.id }), {}),
      202
    )
    assert.equal(held.body().status, 'awaiting_approval')
    assert.equal(
      await db
        .from('journals')
        .where('customer_id', customer.id)
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      0
    )
    // the uploader's role may not decide; the finance manager commits it
    await expectStatus(
      postAs(client, finance.token, route('imports.approve', { id: job.id }), {}),
      403
    )
    const done = await bodyOf(
      postAs(client, manager.token, route('imports.approve', { id: job.id }), {}),
      200
    )
    assert.equal(done.status, 'committed')
    assert.equal(done.decidedBy, manager.user.id)
    const journals = await db
      .from('journals as j')
      .join('journal_lines as l', (q) => q.on('l.journal_id', 'j.id').andOnVal('l.line_no', 1))
      .where('j.customer_id', customer.id)
      .orderBy('j.amount')
      .select('j.id', 'j.kind', 'j.amount', 'j.entry_date', 'l.account_code', 'l.debit')
    assert.deepEqual(
      journals.map((j) => [j.kind, j.amount, j.account_code, j.debit]),
      [
        ['opening', '1200.5000', '4190', '1200.5000'],
        ['opening', '5000.0000', '4190', '5000.0000'],
      ]
    )
    const balance = await balanceOf(client, finance.token, customer.id)
    assert.equal(balance?.balance, '6200.50')

    // the same scope again (another file): refused, nothing written
    const before = await ledgerCounts()
    const again = csvFile(['客户编码,币种,期初余额', `${customer.code},CNY,700.00`])
    const refused = await bodyOf(uploadImport(client, finance.token, 'opening', again, fields), 201)
    assert.equal(refused.status, 'rejected')
    assert.deepEqual(
      refused.errors.map((e: any) => [e.row, e.rule]),
      [[2, 'opening_exists']]
    )
    assert.deepEqual(await ledgerCounts(), before)

    // reversed (红冲, approved), the scope takes a new opening balance
    const whole = journals.find((j) => j.amount === '5000.0000')!
    const reversal = await expectStatus(
      postAs(client, finance.token, route('journals.reverse', { id: whole.id }), {
        reason: '期初录错',
      }),
      202
    )
    await expectStatus(
      postAs(client, manager.token, route('approvals.approve', { id: reversal.body().id }), {}),
      200
    )
    const retry = await bodyOf(uploadImport(client, finance.token, 'opening', again, fields), 201)
    assert.equal(retry.status, 'validated')
  })
})

test.group('Imports: installment plans', () => {
  test('rows become the plan of their project; a project with a plan is skipped', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    const projectRow = await db.from('projects').where('id', project.id).first()
    const lines = [
      '客户编码,项目编码,到期日,金额,期次',
      `${customer.code},${projectRow.code},2026-09-30,30000.00,二期`,
      `${customer.code},${projectRow.code},2026-06-30,70000.00,首期`,
    ]
    const bad = csvFile([...lines, `${customer.code},${projectRow.code},2026-13-01,1.001,三期`])
    const rejected = await bodyOf(uploadImport(client, token, 'installments', bad), 201)
    assert.deepEqual(
      rejected.errors.map((e: any) => [e.row, e.column, e.rule]),
      [[4, '到期日', 'date']]
    )
    const job = await bodyOf(uploadImport(client, token, 'installments', csvFile(lines)), 201)
    const done = await bodyOf(
      postAs(client, token, route('imports.commit', { id: job.id }), {}),
      200
    )
    assert.equal(done.postedRows, 2)
    const plan = await db
      .from('installments')
      .where('project_id', project.id)
      .orderBy('seq')
      .select('seq', 'label', 'amount')
    assert.deepEqual(
      plan.map((i) => [i.seq, i.label, i.amount]),
      [
        [1, '首期', '70000.0000'],
        [2, '二期', '30000.0000'],
      ]
    )
    const again = csvFile([...lines, ''])
    const skipped = await bodyOf(uploadImport(client, token, 'installments', again), 201)
    assert.equal(skipped.skippedRows, 2)
    assert.equal(skipped.validRows, 0)
  })
})

test.group('Imports: customers and templates', () => {
  test('GBK CSV with English headers; an unknown header mapped once is remembered', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const a = unique('IC')
    const b = unique('IC')
    const gbk = iconv.encode(
      [
        'Customer Code,客户名称,Currency,信用额度,编号备注',
        `${a},甲公司,CNY,"10,000.00",x`,
        `${b},乙公司,USD,0,y`,
      ].join('\r\n'),
      'gbk'
    )
    const job = await bodyOf(
      uploadImport(client, token, 'customers', gbk, {
        mapping: JSON.stringify({ 编号备注: 'department' }),
      }),
      201
    )
    assert.equal(job.status, 'validated')
    assert.deepEqual(job.header.unknown, [])
    await expectStatus(postAs(client, token, route('imports.commit', { id: job.id }), {}), 200)
    const rows = await db
      .from('customers')
      .whereIn('code', [a, b])
      .orderBy('credit_limit', 'desc')
      .select('name', 'credit_limit', 'department', 'default_currency')
    assert.deepEqual(
      rows.map((r) => [r.name, r.credit_limit, r.department]),
      [
        ['甲公司', '10000.0000', 'x'],
        ['乙公司', '0.0000', 'y'],
      ]
    )
    // the next upload by the same user maps 编号备注 without being told
    const c = unique('IC')
    const next = iconv.encode(
      ['客户编码,客户名称,币种,编号备注', `${c},丙公司,CNY,z`].join('\r\n'),
      'gbk'
    )
    const again = await bodyOf(uploadImport(client, token, 'customers', next), 201)
    assert.deepEqual(again.header.unknown, [])
    assert.equal(again.header.fieldIndex.department, 3)
  })

  test('templates carry the zh-CN headers, required ones marked', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const response = await expectStatus(
      getAs(client, token, route('imports.template', { kind: 'receipts' })),
      200
    )
    const rows = await xlsxRows(response.body())
    assert.deepEqual(rows[0].slice(0, 5), ['外部单号*', '客户编码*', '项目编码', '币种*', '金额*'])
    await expectStatus(getAs(client, token, route('imports.template', { kind: 'nope' })), 422)
  })
})
