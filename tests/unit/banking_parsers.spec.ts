import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { parseStatement, sniffProfile } from '#modules/banking/parsers/parse_statement'
import { Decimal } from 'decimal.js'
import {
  draftLine,
  naturalKeys,
  StatementUnreadable,
} from '#modules/banking/parsers/bank_line_draft'
import { bankFixture } from '#tests/support/banking'

const read = (name: string) => readFileSync(bankFixture(name))
const brief = (line: any) =>
  [
    line.valueDate,
    line.direction,
    line.amount,
    line.bankReference,
    line.counterpartyName,
    line.counterpartyAccount,
  ].join(' | ')

test.group('Bank statements: each format read from its sample file', () => {
  test('工行 GBK CSV with account lines before the header and a totals row after', async ({
    assert,
  }) => {
    const file = read('icbc_worked_month_gbk.csv')
    assert.equal(sniffProfile(file), 'cn_bank')
    const parsed = await parseStatement(file)
    assert.deepEqual(parsed.lines.map(brief), [
      '2026-11-01 | credit | 380000 | ICBC20261101000123 | 华东机械有限公司 | 6217000011112222333',
      '2026-11-03 | credit | 12500 | ICBC20261103000456 | 杭州新材料科技有限公司 | 6228480012345678901',
      '2026-11-15 | debit | 25 | ICBC20261115000789 |  | ',
      '2026-11-20 | debit | 50000 | ICBC20261120000321 | 华东机械有限公司 | 6217000011112222333',
    ])
    assert.equal(parsed.lines[0].memo, '汇入 / HT-2026-017 首期预付款')
    assert.equal(parsed.lines[0].bookedAt, '10:15:32')
  })

  test('建行 XLSX with a merged two-row header (金额/借方·贷方, 对方/户名·账号)', async ({
    assert,
  }) => {
    const parsed = await parseStatement(read('ccb_merged_header.xlsx'))
    assert.deepEqual(parsed.lines.map(brief), [
      '2026-11-02 | credit | 120000 | CCB-1-000001 | 华南重工股份有限公司 | 44050100000000001234',
      '2026-11-07 | debit | 3000.5 | CCB-1-000002 | 上海顺达物流有限公司 | 31001500000000005678',
    ])
  })

  test('generic English CSV: signed amounts, no reference, two identical lines stay two', async ({
    assert,
  }) => {
    const parsed = await parseStatement(read('generic.csv'), 'generic')
    assert.deepEqual(
      parsed.lines.map((l) => `${l.direction} ${l.amount} ${l.currency}`),
      ['credit 250000 CNY', 'credit 250000 CNY', 'debit 300 CNY']
    )
    const keys = naturalKeys(parsed.lines)
    assert.equal(new Set(keys).size, 3)
    assert.match(keys[1], /^dac:2026-11-02\|credit\|250000\|GB29NWBK60161331926819\|2$/)
  })

  test('camt.053: entries, a batched entry split per transaction, the debtor as counterparty', async ({
    assert,
  }) => {
    const parsed = await parseStatement(read('camt053.xml'))
    assert.equal(parsed.profile, 'camt053')
    assert.equal(parsed.accountNo, '6222021001099999999')
    assert.equal(parsed.currency, 'USD')
    assert.deepEqual(parsed.lines.map(brief), [
      '2026-11-05 | credit | 25000 | E2E-PO-2026-881 | Pacific Tools Inc. | DE89370400440532013000',
      '2026-11-10 | credit | 1000.25 | E2E-A | Nordic Parts AB | ',
      '2026-11-10 | credit | 2000.25 | E2E-B | Baltic Machines OU | ',
      '2026-11-30 | debit | 45 | CAMT-REF-0003 |  | ',
    ])
    assert.equal(parsed.lines[0].memo, 'Advance payment contract PT-2026-03')
  })

  test('MT940: structured and ?-subfield :86:, decimal comma, NONREF', async ({ assert }) => {
    const parsed = await parseStatement(read('mt940.sta'))
    assert.equal(parsed.accountNo, '6222021001012345678')
    assert.equal(parsed.currency, 'CNY')
    assert.deepEqual(parsed.lines.map(brief), [
      '2026-11-01 | credit | 380000 | MT20261101A001 | 华东机械有限公司 | 6217000011112222333',
      '2026-11-12 | debit | 1250.5 | MT20261112C002 |  | ',
      '2026-11-20 | credit | 88000 |  | Shenzhen Pengcheng Electronics | 622848009988',
    ])
    assert.equal(parsed.lines[0].memo, 'HT-2026-017 首期预付款')
  })

  test('WeChat Pay bill: summary lines, backticks and tabs, a closed payment left out', async ({
    assert,
  }) => {
    const file = read('wechat_bill.csv')
    assert.equal(sniffProfile(file), 'wechat')
    const parsed = await parseStatement(file)
    assert.deepEqual(parsed.lines.map(brief), [
      '2026-11-06 | credit | 8000 | 100003990126110600012345 | 苏州精工机电 | ',
      '2026-11-18 | credit | 800 | 100003990126111800054321 | 李先生 | ',
      '2026-11-21 | debit | 200 | 420000123420261121000111 | 某物流公司 | ',
    ])
  })

  test('Alipay bill: GBK, # summary lines before and after', async ({ assert }) => {
    const file = read('alipay_bill.csv')
    assert.equal(sniffProfile(file), 'alipay')
    const parsed = await parseStatement(file)
    assert.deepEqual(parsed.lines.map(brief), [
      '2026-11-08 | credit | 56000 | 20261108200040011100560012345678 |  | zhejiang***@163.com',
      '2026-11-09 | debit | 56 | 20261109200040011100560012345999 |  | alipay-fee',
    ])
    assert.include(parsed.lines[0].memo!, 'ORD-HT-2026-044')
  })

  test('every format stores a line alike: trimmed, blank as null, cut to its column', ({
    assert,
  }) => {
    const line = draftLine({
      valueDate: '2026-11-03',
      direction: 'credit',
      amount: new Decimal('380000.50'),
      bookedAt: '  ',
      currency: 'CNYX',
      bankReference: ` ${'R'.repeat(90)} `,
      counterpartyName: ' 华东精密 ',
      counterpartyAccount: '6222'.repeat(20),
      memo: [' 预付款 ', '', null, ' 合同 HT-1 '],
      raw: {},
    })
    assert.deepInclude(line, {
      amount: '380000.5',
      bookedAt: null,
      currency: 'CNY',
      bankReference: 'R'.repeat(80),
      counterpartyName: '华东精密',
      counterpartyAccount: '6222'.repeat(16),
      memo: '预付款 / 合同 HT-1',
    })
  })

  test('a bad row refuses the file with its row, column and rule', async ({ assert }) => {
    const csv = Buffer.from(
      '交易日期,贷方金额,对方户名\n2026-11-01,100.00,甲\n2026-13-45,200.00,乙\n2026-11-03,abc,丙\n'
    )
    const error = await parseStatement(csv, 'cn_bank').catch((e) => e)
    assert.instanceOf(error, StatementUnreadable)
    assert.deepEqual(
      error.problems.map((p: any) => `${p.row} ${p.column} ${p.rule}`),
      ['3 date date', '4 amount amount']
    )
  })
})
