import { test } from '@japa/runner'
import { panelText, panelTranslations } from '#modules/admin/panel/panel_catalogue'
import { buildPanelOptions } from '#modules/admin/panel/options'
import { mobileLabels } from '#modules/mobile/mobile_labels'
import { englishLabel, valueTranslations } from '#modules/admin/panel/value_labels'

test.group('Panel words from the i18n catalogues (resources/lang/*/panel*.json)', () => {
  test('AdminJS translations are built per language from the catalogues', ({ assert }) => {
    const zh = panelTranslations('zh-CN') as Record<string, any>
    const en = panelTranslations('en') as Record<string, any>
    assert.equal(zh.labels.customers, '客户')
    assert.equal(en.labels.customers, 'Customers')
    // a key holding a dot stays one key under its section
    assert.equal(zh.properties['role.finance_manager'], '财务主管')
    assert.equal(en.properties['role.finance_manager'], 'Finance manager')
    // module files (panel_<area>.json) join the same sections
    assert.equal(zh.labels.alert_rules, '预警规则')
    assert.equal(en.actions.approve, 'Approve')
    assert.equal(zh.resources.receipts.actions.new, '登记收款')
    assert.equal(en.messages.approvalRejected, 'Request #{{id}} rejected; the hold is released')
    assert.equal(zh.components['Select.noOptions'], '无选项')
  })

  test("the date filter's from/to are the filter's own, not the resend form's 改发至", ({
    assert,
  }) => {
    const zh = panelTranslations('zh-CN') as Record<string, any>
    assert.equal(zh.properties.to, '至')
    assert.equal(zh.properties.from, '从')
    assert.match(zh.resources.report_deliveries.properties.to, /^改发至/)
  })

  test('no two panel files give one AdminJS key two meanings', ({ assert }) => {
    // e.g. the bank screens' 客户编号 once renamed customerId on every screen (last file won)
    const zh = panelTranslations('zh-CN') as Record<string, any>
    assert.equal(zh.properties.customerId, '客户')
    assert.equal(zh.properties.createdAt, '创建时间')
    assert.equal(zh.resources.import_jobs.properties.createdAt, '上传时间')
  })

  test('the panel opens in each user’s own language', async ({ assert }) => {
    const options = buildPanelOptions()
    const locale = options.locale as (admin?: any) => Promise<any> | any
    const [english, chinese, nobody] = await Promise.all([
      locale({ locale: 'en' }),
      locale({ locale: 'zh-CN' }),
      locale(undefined),
    ])
    assert.equal(english.language, 'en')
    assert.equal(chinese.language, 'zh-CN')
    assert.equal(nobody.language, 'zh-CN')
    const translations = english.translations
    assert.equal(translations['zh-CN'].labels.journals, '凭证（分录）')
    assert.equal(translations.en.labels.journals, 'Journals')
  })

  test('panelText and the phone pages read the same catalogues', ({ assert }) => {
    assert.equal(panelText('zh-CN', 'properties', 'role.sales'), '销售')
    assert.equal(panelText('en', 'properties', 'nothing.here', 'fallback'), 'fallback')
    assert.equal(mobileLabels('zh-CN').inbox, '待我审批')
    assert.equal(mobileLabels('en').statuses.cancelled, 'Cancelled')
    assert.equal(mobileLabels('en').pending, 'Held for approvals')
    assert.equal(mobileLabels(null).lang, 'zh-CN')
  })
})

test.group('Coded values in the reader’s language (panel/value_labels.ts)', () => {
  test('English reads the English part of "中文 code" labels, zh-CN the label as given', ({
    assert,
  }) => {
    assert.equal(englishLabel('登记 receipt'), 'Receipt')
    assert.equal(englishLabel('非预收款 · not a prepayment'), 'Not a prepayment')
    assert.equal(englishLabel('微信 WeChat'), 'WeChat')
    assert.equal(englishLabel('简体中文'), '简体中文')
    const translations = valueTranslations([
      { name: 'status', values: ['open', 'closed'], labels: { open: '未结账 open' } },
    ])
    assert.deepEqual(translations['zh-CN'].labels, {
      'status.open': '未结账 open',
      'status.closed': 'closed',
    })
    assert.deepEqual(translations.en.labels, { 'status.open': 'Open', 'status.closed': 'Closed' })
  })
})
