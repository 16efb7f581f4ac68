import { test } from '@japa/runner'
import ExcelJS from 'exceljs'
import { Decimal } from 'decimal.js'
import { csvDocument } from '#kernel/csv'
import { addSheetRow, amountCell, spreadsheetText } from '#kernel/spreadsheet'

const HOSTILE = [
  '=HYPERLINK("http://evil.example","点我")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '\t=1',
  '\r=1',
  '＝1+1',
]

test.group('Spreadsheet encoder', () => {
  test('text starting with = + - @ tab CR (or full-width forms) is prefixed with an apostrophe', ({
    assert,
  }) => {
    for (const text of HOSTILE) assert.equal(spreadsheetText(text), `'${text}`, text)
    assert.equal(spreadsheetText('华东机械 = 客户'), '华东机械 = 客户')
    assert.equal(spreadsheetText(null), '')
    assert.equal(spreadsheetText({ a: '=1' }), '{"a":"=1"}')
  })

  test('CSV: text neutralised, typed amounts and numbers left as values', ({ assert }) => {
    const csv = csvDocument(
      ['name', 'amount', 'id'],
      [
        ['=1+1', amountCell('-120.50'), 7],
        ['-5', amountCell(new Decimal('-0.001')), 8n],
      ]
    )
    assert.equal(csv, "\uFEFFname,amount,id\r\n'=1+1,-120.50,7\r\n'-5,-0.001,8\r\n")
    assert.throws(() => amountCell('=1+1'))
  })

  test('XLSX: text cells neutralised, amounts numeric (negative too), exact beyond 15 digits', async ({
    assert,
  }) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('t')
    addSheetRow(
      sheet,
      [HOSTILE[0], amountCell('-120.50'), amountCell('123456789012.1234567891')],
      [undefined, '#,##0.00']
    )
    const loaded = new ExcelJS.Workbook()
    await loaded.xlsx.load((await workbook.xlsx.writeBuffer()) as any)
    const row = loaded.worksheets[0].getRow(1)
    assert.equal(row.getCell(1).value, `'${HOSTILE[0]}`)
    assert.strictEqual(row.getCell(2).value, -120.5)
    assert.equal(row.getCell(2).numFmt, '#,##0.00')
    assert.strictEqual(row.getCell(3).value, '123456789012.1234567891')
  })
})
