import { test } from '@japa/runner'
import { hasMessage, messagesUnder, t } from '#kernel/i18n'
import { confirmationLabels } from '#modules/reports/confirmations/confirmation_labels'
import { statementFileName } from '#modules/reports/services/statement_files'
import { execPackFileName } from '#modules/reports/services/report_renderer'

/*
| Issue 17: the statement-confirmation page's words and the report files' name prefixes live in
| the catalogues (resources/lang/<locale>/confirmations.json, reports.json `fileNames`), read
| through #kernel/i18n; what they say is unchanged.
*/
test.group('Statement confirmation words and report file names from the catalogues', () => {
  test('every word of the page is a catalogue message of its language', ({ assert }) => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const labels = confirmationLabels(locale)
      const words = Object.keys(labels).filter((k) => !['lang', 'otherLang', 'kinds'].includes(k))
      assert.isAbove(words.length, 25)
      const catalogue = messagesUnder(locale, 'confirmations')
      for (const word of words) {
        assert.isTrue(
          hasMessage(locale, `confirmations.${word}`),
          `${locale} confirmations.${word}`
        )
        assert.equal((labels as any)[word], catalogue[word])
      }
    }
    const zh = confirmationLabels('zh-CN')
    assert.equal(zh.title, '对账确认')
    assert.equal(zh.confirmedAt, '您已于 {at} 确认本对账单与贵司记录相符。谢谢！')
    assert.equal(zh.other, 'English')
    assert.equal(zh.otherLang, 'en')
    assert.equal(zh.kinds.receipt, '到账')
    const en = confirmationLabels('en')
    assert.equal(en.title, 'Statement confirmation')
    assert.equal(en.other, '中文')
    assert.equal(en.otherLang, 'zh-CN')
    assert.equal(confirmationLabels('fr').lang, 'zh-CN')
  })

  test('file name prefixes per language', ({ assert }) => {
    assert.equal(t('zh-CN', 'reports.fileNames.statement'), '对账单')
    assert.equal(t('en', 'reports.fileNames.execPack'), 'executive-report')
    const period = { from: '2026-11-01', to: '2026-11-30' }
    const statement = (locale: string) =>
      statementFileName({ locale, customer: { code: 'C0001' }, period } as any, 'xlsx')
    assert.equal(statement('zh-CN'), '对账单_C0001_2026-11-01_2026-11-30.xlsx')
    assert.equal(statement('en'), 'statement_C0001_2026-11-01_2026-11-30.xlsx')
    const pack = (locale: string) => execPackFileName({ locale, period } as any)
    assert.equal(pack('zh-CN'), '预收款管理月报_2026-11-01_2026-11-30.pdf')
    assert.equal(pack('en'), 'executive-report_2026-11-01_2026-11-30.pdf')
  })
})
