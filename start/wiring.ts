/*
| The composition root: fills the ports the kernel (app/kernel) and the workflows layer declare, so
| the lower layers never import the modules that implement them. Preloaded first in every
| environment (web, console, test).
*/
import app from '@adonisjs/core/services/app'
import { installUnitOfWorkStores } from '#kernel/unit_of_work_stores'
import { onCommandRefused } from '#kernel/api_command'
import { appendAuditEntries } from '#modules/audit/services/audit_writer'
import { writeOutboxEvents } from '#modules/outbox/outbox_events'
import { outboxWritten } from '#modules/outbox/outbox_signal'
import { reportRefusedOverdraw } from '#modules/prepayments/ledger/ledger_events'
import '#modules/approvals/approval_events'
import { registerApprovalExecutor } from '#modules/approvals/services/approval_execution'

installUnitOfWorkStores({
  appendAudit: appendAuditEntries,
  writeEvents: writeOutboxEvents,
  eventsCommitted: outboxWritten,
})
onCommandRefused(reportRefusedOverdraw)

// Approvals execute an approved request through the workflows layer (app/workflows).
registerApprovalExecutor(async () => {
  const { ApprovedActions } = await import('#workflows/approved_actions')
  return app.container.make(ApprovedActions)
})
