import type { ActionContext } from 'adminjs'
import { pageAction } from '#modules/admin/panel/page_action'
import { allows } from '#modules/admin/panel/panel_user'

/**
 * The bank pages that move files: upload a statement (bank_statement_upload.jsx, which posts to
 * /admin/bank-statements with the panel session, as the import page does) and download an
 * account's reconciliation report (reconciliation_download.jsx: a period, then XLSX/CSV links to
 * /admin/reconciliation). The work happens in those routes; these actions only show the pages.
 */
export const uploadStatementAction = pageAction('Upload', 'BankStatementUpload', 'bank.import')

export const reconciliationAction = {
  actionType: 'record' as const,
  icon: 'Download',
  component: 'ReconciliationDownload',
  isAccessible: allows('bank.read'),
  handler: async (_request: unknown, _response: unknown, context: ActionContext) => ({
    record: context.record!.toJSON(context.currentAdmin),
  }),
}
