import { test } from '@japa/runner'
import { panelText, panelTranslations } from '#modules/admin/panel/panel_catalogue'
import { buildPanelOptions } from '#modules/admin/panel/options'
import { mobileLabels } from '#modules/mobile/mobile_labels'
import {
  namedLabels,
  valueLabels,
  valueTranslations,
  zhLabel,
} from '#modules/admin/panel/value_labels'

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
  test('labels come from panel_values.json: zh-CN "中文 code", English its own words', ({
    assert,
  }) => {
    const kind = valueLabels('kind')
    assert.equal(kind('zh-CN', 'receipt'), '登记 receipt')
    assert.equal(kind('en', 'receipt'), 'Receipt')
    assert.equal(valueLabels('bank_line_status')('en', 'ignored'), 'Not a prepayment')
    assert.equal(valueLabels('channel')('en', 'wechat'), 'WeChat')
    // text every reader sees alike (record titles) reads the zh-CN label
    assert.equal(zhLabel('approval_action', 'refund'), '退款 refund')
    assert.equal(zhLabel('approval_action', 'unknown_action'), 'unknown_action')
  })

  test('a name another catalogue holds is read there, not copied', ({ assert }) => {
    const severity = namedLabels('alerts.severity')
    assert.equal(severity('zh-CN', 'info'), '提示 info')
    assert.equal(severity('en', 'info'), 'Info')
    const language = namedLabels('panel.components.LanguageSelector.availableLanguages', false)
    assert.equal(language('en', 'zh-CN'), '简体中文')
    assert.equal(language('zh-CN', 'en'), 'English')
  })

  test('both languages per resource; a value no catalogue names shows as its code', ({
    assert,
  }) => {
    const translations = valueTranslations([
      { name: 'status', values: ['open', 'awaiting'], labels: valueLabels('alert_status') },
    ])
    assert.deepEqual(translations['zh-CN'].labels, {
      'status.open': '未处理 open',
      'status.awaiting': 'awaiting',
    })
    assert.deepEqual(translations.en.labels, {
      'status.open': 'Open',
      'status.awaiting': 'Awaiting',
    })
  })

  test('panel_values.json is no AdminJS section of its own', ({ assert }) => {
    const zh = panelTranslations('zh-CN') as Record<string, any>
    assert.notProperty(zh, 'alert_status')
    assert.notProperty(zh, 'kind')
  })
})
