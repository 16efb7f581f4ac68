import { fileURLToPath } from 'node:url'
import { ComponentLoader, type AdminJSOptions, type LocaleTranslations } from 'adminjs'
import { registerCorePanelModules } from '#modules/admin/panel/modules'
import { panelModules } from '#modules/admin/panel/registry'
import { panelText, panelTranslations } from '#modules/admin/panel/panel_catalogue'
import { setPanelTranslations } from '#modules/admin/panel/labels'
import { dashboardData } from '#modules/admin/services/dashboard_data'
import { panelLocale, type PanelUser } from '#modules/admin/panel/panel_user'

const COMPONENTS = {
  Dashboard: 'dashboard.jsx',
  ActionForm: 'action_form.jsx',
  CsvExport: 'csv_export.jsx',
  PdfLink: 'pdf_link.jsx',
  ExportProgress: 'export_progress.jsx',
  VoucherExport: 'voucher_export.jsx',
  ImportUpload: 'import_upload.jsx',
  BankStatementUpload: 'bank_statement_upload.jsx',
  ReconciliationDownload: 'reconciliation_download.jsx',
  // issue 17: the Customer 360 page and the coloured status badges
  Customer360: 'customer_360.jsx',
  StatusBadge: 'status_badge.jsx',
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
  // every list gets the toolbar (search, saved filters, totals, Excel export) above AdminJS's list
  componentLoader.override(
    'DefaultListAction',
    fileURLToPath(new URL('../../../../resources/admin/components/list_tools.jsx', import.meta.url))
  )
  const modules = panelModules()
  // the words come from resources/lang/<locale>/panel*.json; a module may still add its own
  let zh = panelTranslations('zh-CN')
  let english = panelTranslations('en')
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
    branding: (currentAdmin) => ({
      companyName: panelText(panelLocale(currentAdmin), 'messages', 'companyName'),
      withMadeWithLove: false,
      logo: false,
    }),
    // each user's own language (users.locale, chosen with the panel's language selector)
    locale: (currentAdmin) => ({
      language: panelLocale(currentAdmin),
      availableLanguages: ['zh-CN', 'en'],
      localeDetection: false,
      translations: { 'zh-CN': zh, 'en': english },
    }),
    settings: { defaultPerPage: 20 },
  }
}
