import { t } from '#kernel/i18n'
import { sharedRenderer } from '#reports/renderer'
import { execPackDocument } from '#reports/exec_pack_document'
import type { ExecPackViewModel } from '#modules/reports/services/exec_pack_builder'
import type { StatementViewModel } from '#modules/reports/services/statement_builder'
import { renderStatementPdf } from '#modules/reports/services/statement_files'

export { statementFileName } from '#modules/reports/services/statement_files'

/** View model → PDF bytes through the shared browser (a RendererUnavailable when it cannot). */
export async function renderReportPdf(vm: StatementViewModel | ExecPackViewModel): Promise<Buffer> {
  if (vm.kind === 'statement') return renderStatementPdf(vm)
  return sharedRenderer().render(await execPackDocument(vm))
}

export function execPackFileName(vm: ExecPackViewModel): string {
  const prefix = t(vm.locale === 'en' ? 'en' : 'zh-CN', 'reports.fileNames.execPack')
  return `${prefix}_${vm.period.from}_${vm.period.to}.pdf`
}
