import { fileURLToPath } from 'node:url'
import { ComponentLoader, type AdminJSOptions, type LocaleTranslations } from 'adminjs'
import { registerCorePanelModules } from '#modules/admin/panel/modules'
import { panelModules } from '#modules/admin/panel/registry'
import { en, zhCN } from '#modules/admin/panel/translations'
import { setPanelTranslations } from '#modules/admin/panel/labels'
import { dashboardData } from '#modules/admin/services/dashboard_data'
import type { PanelUser } from '#modules/admin/panel/panel_user'

const COMPONENTS = {
  Dashboard: 'dashboard.jsx',
  ActionForm: 'action_form.jsx',
  CsvExport: 'csv_export.jsx',
  PdfLink: 'pdf_link.jsx',
  VoucherExport: 'voucher_export.jsx',
  ImportUpload: 'import_upload.jsx',
  BankStatementUpload: 'bank_statement_upload.jsx',
  ReconciliationDownload: 'reconciliation_download.jsx',
  // added by C (issue 17): the project picker of the money forms, the auditor's tools
  ProjectSelect: 'project_select.jsx',
  AuditDiff: 'audit_diff.jsx',
  VerifyChain: 'verify_chain.jsx',
  RecordHistory: 'record_history.jsx',
  NewWithDefaults: 'new_with_defaults.jsx',
} as const

/** Shallow-per-section merge of module translations into the core ones. */
function merge(
  core: LocaleTranslations,
  extra: LocaleTranslations | undefined
): LocaleTranslations {
  if (!extra) return core
  const merged: Record<string, any> = { ...core }
  for (const [section, values] of Object.entries(extra)) {
    merged[section] = { ...(merged[section] ?? {}), ...(values as object) }
  }
  return merged
}

/** The AdminJS options of the back-office, assembled from the registered panel modules. */
export function buildPanelOptions(): AdminJSOptions {
  registerCorePanelModules()
  const componentLoader = new ComponentLoader()
  for (const [name, file] of Object.entries(COMPONENTS)) {
    // the React components live in resources/admin/components (bundled by AdminJS at startup)
    componentLoader.add(
      name,
      fileURLToPath(new URL(`../../../../resources/admin/components/${file}`, import.meta.url))
    )
  }
  // the notification bell before the user menu in the top bar (app/modules/notifications)
  componentLoader.override(
    'LoggedIn',
    fileURLToPath(
      new URL('../../../../resources/admin/components/notification_bell.jsx', import.meta.url)
    )
  )
  const modules = panelModules()
  let zh = zhCN
  let english = en
  for (const module of modules) {
    zh = merge(zh, module.translations?.['zh-CN'])
    english = merge(english, module.translations?.en)
  }
  setPanelTranslations({ 'zh-CN': zh, 'en': english })
  return {
    rootPath: '/admin',
    loginPath: '/admin/login',
    logoutPath: '/admin/logout',
    componentLoader,
    resources: modules.flatMap((m) => m.resources()),
    dashboard: {
      component: 'Dashboard',
      handler: async (_request, _response, context) =>
        dashboardData(context.currentAdmin as unknown as PanelUser),
    },
    branding: {
      companyName: 'AdvanceLedger 客户预付款',
      withMadeWithLove: false,
      logo: false,
    },
    locale: {
      language: 'zh-CN',
      availableLanguages: ['zh-CN', 'en'],
      localeDetection: false,
      translations: { 'zh-CN': zh, 'en': english },
    },
    settings: { defaultPerPage: 20 },
  }
}
