import { test } from '@japa/runner'
import { RowErrors } from '#modules/imports/services/row_errors'

test.group('Import row errors (resources/lang/*/imports.json)', () => {
  test('a rule reads in both languages with its facts and the column’s header', ({ assert }) => {
    const errors = new RowErrors('receipts')
    errors.add(7, 'customerCode', 'customer_missing', { value: 'NO-SUCH' })
    assert.deepEqual(errors.list[0], {
      row: 7,
      column: errors.list[0].column,
      field: 'customerCode',
      rule: 'customer_missing',
      message: '客户编码不存在：NO-SUCH',
      messageEn: 'no customer has code NO-SUCH',
    })
  })

  test('an unknown rule reads as invalid; a fact the check did not give is blank', ({ assert }) => {
    const errors = new RowErrors('receipts')
    errors.add(3, null, 'some_ledger_refusal', { value: 'X' })
    errors.add(4, null, 'duplicate_in_file')
    assert.equal(errors.list[0].messageEn, ' breaks a rule (): X')
    assert.equal(errors.list[1].message, '与第  行重复：')
    assert.equal(errors.count, 2)
    assert.deepEqual([...errors.rows], [3, 4])
  })
})
