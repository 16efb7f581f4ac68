/*
| Cross-module reactions are wired here, in one place: modules emit domain events after commit and
| other modules subscribe (alerts after a posting, notifications after an approval request…).
*/
import '#modules/shared/domain_events'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import type { AlertEvaluator } from '#modules/alerts/services/alert_evaluator'

// Alerts (预警): evaluate the posting-time rules after each posting, record refused overdraws.
// The evaluator catches and logs its own errors: a posting is never blocked or failed by it.
// Resolve it once: it holds the process's queue of posting evaluations (coalesced into passes),
// and a dynamic import and a container lookup per posting cost a measurable share of each request.
let alertEvaluator: Promise<AlertEvaluator> | undefined
function alerts(): Promise<AlertEvaluator> {
  alertEvaluator ??= import('#modules/alerts/services/alert_evaluator').then(({ AlertEvaluator }) =>
    app.container.make(AlertEvaluator)
  )
  return alertEvaluator
}
emitter.on('ledger:journal_posted', async (journal) => {
  const evaluator = await alerts()
  await evaluator.afterPosting(journal)
})
emitter.on('ledger:overdraw_attempted', async (attempt) => {
  const evaluator = await alerts()
  await evaluator.afterOverdrawAttempt(attempt)
})

// Approvals (审批): tell the approvers of the current level that a request waits for them.
emitter.on('approvals:awaiting_decision', async (approval) => {
  const { notifyApprovers } = await import('#modules/approvals/services/approval_notifier')
  await notifyApprovers(approval)
})
