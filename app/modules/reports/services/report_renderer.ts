import { sharedRenderer } from '#reports/renderer'
import { execPackDocument } from '#reports/exec_pack_document'
import { statementDocument } from '#reports/statement_document'
import type { ExecPackViewModel } from '#modules/reports/services/exec_pack_builder'
import type { StatementViewModel } from '#modules/reports/services/statement_builder'

/** View model → PDF bytes through the shared browser (a RendererUnavailable when it cannot). */
export async function renderReportPdf(vm: StatementViewModel | ExecPackViewModel): Promise<Buffer> {
  const document =
    vm.kind === 'statement' ? await statementDocument(vm) : await execPackDocument(vm)
  return sharedRenderer().render(document)
}

export function statementFileName(vm: StatementViewModel): string {
  const prefix = vm.locale === 'en' ? 'statement' : '对账单'
  return `${prefix}_${vm.customer.code}_${vm.period.from}_${vm.period.to}.pdf`
}

export function execPackFileName(vm: ExecPackViewModel): string {
  const prefix = vm.locale === 'en' ? 'executive-report' : '预收款管理月报'
  return `${prefix}_${vm.period.from}_${vm.period.to}.pdf`
}
