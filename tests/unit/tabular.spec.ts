import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { xlsxZipBomb } from '#tests/support/zip_bomb'
import {
  openTabular,
  readTabularHeader,
  TabularHeaderNotFound,
  TabularTooLarge,
  type MappingProfile,
  type TabularRow,
} from '#kernel/tabular/index'

const fixture = (name: string) => new URL(`../fixtures/tabular/${name}`, import.meta.url).pathname

const customers: MappingProfile = {
  name: 'customers',
  fields: [
    { field: 'customerCode', aliases: ['客户编码', 'customer code'], required: true },
    { field: 'name', aliases: ['客户名称', 'customer name'], required: true },
    { field: 'currency', aliases: ['币种'] },
    { field: 'salesOwner', aliases: ['销售负责人', 'sales owner'] },
    { field: 'creditLimit', aliases: ['授信额度'], required: false },
    { field: 'taxId', aliases: ['税号'], required: true },
  ],
}

const bank: MappingProfile = {
  name: 'bank',
  fields: [
    { field: 'date', aliases: ['交易日期', '交易时间'], required: true },
    { field: 'debit', aliases: ['借方', '借方金额', '支出'] },
    { field: 'credit', aliases: ['贷方', '贷方金额', '收入'] },
    { field: 'payerName', aliases: ['对方户名', '对方信息户名'] },
    { field: 'payerAccount', aliases: ['对方账号', '对方信息账号'] },
    { field: 'memo', aliases: ['摘要', '附言'] },
    { field: 'reference', aliases: ['流水号', '交易单号'] },
    { field: 'amount', aliases: ['金额'] },
    { field: 'direction', aliases: ['收/支'] },
    { field: 'counterparty', aliases: ['交易对方'] },
  ],
}

async function all(rows: AsyncIterable<TabularRow>) {
  const out: TabularRow[] = []
  for await (const row of rows) out.push(row)
  return out
}

test.group('Tabular reader', () => {
  test('an XLSX whose parts unpack beyond 256 MB is refused as it unpacks, not read', async ({
    assert,
  }) => {
    const bomb = xlsxZipBomb(300)
    assert.isBelow(bomb.length, 2 ** 20)
    const error = await openTabular(bomb, { profile: customers }).catch((e) => e)
    assert.instanceOf(error, TabularTooLarge)
    assert.equal(error.message, 'a part of the workbook unpacks to more than 256 MB')
  }).timeout(60_000)

  test('GBK CSV: encoding detected, title lines skipped, quoted comma kept, rows numbered as Excel', async ({
    assert,
  }) => {
    const reader = await openTabular(fixture('customers_gbk.csv'), { profile: customers })
    assert.equal(reader.format, 'csv')
    assert.equal(reader.encoding, 'gb18030')
    assert.equal(reader.header.rowNumber, 3)
    assert.deepEqual(reader.header.fieldIndex, {
      customerCode: 0,
      name: 1,
      currency: 2,
      salesOwner: 3,
    })
    assert.deepEqual(reader.header.missing, ['taxId'])
    assert.deepEqual(reader.header.unknown, [])
    const rows = await all(reader.rows)
    assert.deepEqual(
      rows.map((r) => [r.rowNumber, r.values.customerCode, r.values.name, r.values.salesOwner]),
      [
        [4, 'C001', '华东机械有限公司', 'sales1@demo.local'],
        [5, 'C002', '深圳市鹏城电子科技有限公司, 南山分公司', ''],
        [7, 'C003', '北京燕山建材集团', 'sales2@demo.local'],
      ]
    )
  })

  test('the encoding may be given instead of detected', async ({ assert }) => {
    const reader = await openTabular(readFileSync(fixture('customers_gbk.csv')), {
      profile: customers,
      encoding: 'gbk',
    })
    const rows = await all(reader.rows)
    assert.equal(rows[0].values.name, '华东机械有限公司')
  })

  test('UTF-8 without BOM and English aliases in any spelling', async ({ assert }) => {
    const reader = await openTabular(fixture('customers_utf8_en.csv'), { profile: customers })
    assert.equal(reader.encoding, 'utf8')
    assert.equal(reader.header.rowNumber, 1)
    assert.deepEqual(reader.header.fieldIndex, { customerCode: 0, name: 1, currency: 2 })
    const rows = await all(reader.rows)
    assert.deepEqual(
      rows.map((r) => r.values.name),
      ['华东机械有限公司', 'Acme Ltd']
    )
  })

  test('WeChat-shaped bill: BOM, summary lines, units in brackets, a cell cleaner', async ({
    assert,
  }) => {
    const reader = await openTabular(fixture('wechat_bill.csv'), {
      profile: bank,
      cleanCell: (v) => v.replace(/^[`¥]/, ''),
    })
    assert.equal(reader.encoding, 'utf8')
    assert.equal(reader.header.rowNumber, 7)
    assert.includeMembers(reader.header.unknown, ['交易类型'])
    const rows = await all(reader.rows)
    assert.deepEqual(
      rows.map((r) => [r.values.date, r.values.amount, r.values.reference, r.values.direction]),
      [
        ['2026-01-05 10:22:01', '120000.00', '4200001234202601050001', '收入'],
        ['2026-01-20 16:01:59', '60000.00', '4200001234202601200002', '收入'],
      ]
    )
  })

  test('XLSX with a merged title and a merged two-row header', async ({ assert }) => {
    const reader = await openTabular(fixture('bank_merged_header.xlsx'), { profile: bank })
    assert.equal(reader.format, 'xlsx')
    assert.equal(reader.header.rowNumber, 4)
    assert.deepEqual(reader.header.fieldIndex, {
      date: 0,
      debit: 1,
      credit: 2,
      payerName: 3,
      payerAccount: 4,
      memo: 5,
      reference: 6,
    })
    const rows = await all(reader.rows)
    assert.deepEqual(
      rows.map((r) => [
        r.rowNumber,
        r.values.date,
        r.values.debit,
        r.values.credit,
        r.values.payerName,
      ]),
      [
        [5, '2026-01-05', '', '120000', '华东机械有限公司'],
        [6, '2026-01-20', '', '60000.5', '华东机械有限公司'],
        [7, '2026-01-21 09:30:00', '1500.25', '', '某物业公司'],
      ]
    )
  })

  test('a remembered mapping names columns the aliases do not know', async ({ assert }) => {
    const csv = '编号,名字,备注\nC9,九号客户,x\n'
    const reader = await openTabular(Readable.from([Buffer.from(csv)]), {
      profile: customers,
      headerOverrides: { 编号: 'customerCode', 名字: 'name', 备注: '' },
    })
    assert.deepEqual(reader.header.fieldIndex, { customerCode: 0, name: 1 })
    assert.deepEqual(reader.header.unknown, [])
    const rows = await all(reader.rows)
    assert.deepEqual(
      rows.map((r) => r.values),
      [{ customerCode: 'C9', name: '九号客户' }]
    )
  })

  test('duplicate columns are reported and the first one wins; stopAt ends the data', async ({
    assert,
  }) => {
    const csv = '客户编码,客户名称,Customer Code\nC1,一,X\n#-----结束-----\nC2,二,Y\n'
    const reader = await openTabular(Buffer.from(csv), {
      profile: customers,
      stopAt: (cells) => cells[0].startsWith('#'),
    })
    assert.deepEqual(reader.header.duplicates, ['customerCode'])
    const rows = await all(reader.rows)
    assert.deepEqual(
      rows.map((r) => r.values.customerCode),
      ['C1']
    )
  })

  test('a file without a recognisable header is refused', async ({ assert }) => {
    await assert.rejects(
      () => readTabularHeader(Buffer.from('a,b\n1,2\n'), { profile: customers }),
      TabularHeaderNotFound
    )
  })

  test('a large XLSX streams row by row, Chinese text intact across chunk boundaries', async ({
    assert,
  }) => {
    // inline strings (the streaming writer's default), as exports from other tools write them
    const path = join(tmpdir(), `tabular-${process.pid}.xlsx`)
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path })
    const sheet = writer.addWorksheet('s')
    sheet.addRow(['客户编码', '客户名称']).commit()
    const name = (i: number) => `华东机械有限公司第${i}分公司（预收款客户）`
    for (let i = 1; i <= 5000; i++) sheet.addRow([`C${i}`, name(i)]).commit()
    sheet.commit()
    await writer.commit()
    const reader = await openTabular(path, { profile: customers })
    let count = 0
    let wrong = 0
    let last = ''
    for await (const row of reader.rows) {
      count++
      if (row.values.name !== name(count)) wrong++
      last = `${row.rowNumber}:${row.values.customerCode}`
    }
    await rm(path)
    assert.equal(count, 5000)
    assert.equal(wrong, 0)
    assert.equal(last, '5001:C5000')
  })
})
