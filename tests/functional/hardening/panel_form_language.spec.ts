import { test } from '@japa/runner'
import { refusalOf } from '#modules/admin/panel/form_action'
import { receiptValidator } from '#modules/prepayments/validators/posting_validators'

async function refusedReceipt(locale?: 'zh-CN' | 'en') {
  try {
    await receiptValidator.validate({ amount: 'abc' })
  } catch (error) {
    return refusalOf(error, locale)
  }
  throw new Error('the empty receipt was accepted')
}

test.group('Panel forms: refusals in the panel user’s language', () => {
  test('a validation refusal reads in zh-CN by default and in English when chosen', async ({
    assert,
  }) => {
    const zh = await refusedReceipt()
    assert.match(zh.errors.customerId.message, /[\u4e00-\u9fff]/, 'a Chinese message')
    assert.notInclude(zh.errors.customerId.message, 'customerId field')
    assert.equal(zh.errors.customerId.type, 'required')
    const en = await refusedReceipt('en')
    assert.notMatch(en.errors.customerId.message, /[\u4e00-\u9fff]/)
    assert.equal(en.errors.customerId.type, 'required')
  })
})
