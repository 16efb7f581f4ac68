import { test } from '@japa/runner'
import { formatAmount, toBaseAmount, Money } from '#kernel/money/money'
import { parseAmount } from '#kernel/money/parse_amount'

test.group('Money', () => {
  test('formats in the currency minor units', ({ assert }) => {
    assert.equal(formatAmount('380000', 'CNY'), '380000.00')
    assert.equal(formatAmount('1500', 'JPY'), '1500')
    assert.equal(formatAmount('1.5', 'KWD'), '1.500')
  })

  test('adds exactly where binary floats do not', ({ assert }) => {
    assert.equal(new Money('0.1').plus('0.2').toFixed(), '0.3')
    assert.equal(formatAmount(new Money('1000000000.01').times(3), 'CNY'), '3000000000.03')
  })

  test('converts to base half-up once', ({ assert }) => {
    assert.equal(toBaseAmount(new Money('100.00'), '7.12345', 'CNY').toFixed(), '712.35')
    assert.equal(toBaseAmount(new Money('0.01'), '7.125', 'CNY').toFixed(), '0.07')
  })

  test('refuses amounts the currency cannot carry', ({ assert }) => {
    assert.throws(() => parseAmount('amount', '1.234', 'CNY'), /decimal places/)
    assert.throws(() => parseAmount('amount', '1.5', 'JPY'), /decimal places/)
    assert.equal(parseAmount('amount', '1.234', 'KWD').toFixed(), '1.234')
    assert.throws(() => parseAmount('amount', '0', 'CNY'), /zero/)
    assert.throws(() => parseAmount('amount', '-5', 'CNY'), /negative/)
    assert.throws(() => parseAmount('amount', '100000000000.01', 'CNY'), /largest/)
    assert.throws(() => parseAmount('amount', 12 as unknown as string, 'CNY'), /decimal string/)
  })
})
