/*
| Cross-module reactions are wired here, in one place: modules emit domain events after commit and
| other modules subscribe (alerts after a posting, notifications after an approval request…).
*/
import '#modules/prepayments/ledger/ledger_events'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import type { AlertEvaluator } from '#modules/alerts/services/alert_evaluator'
import { alertsAfterPostings } from '#modules/alerts/services/alert_outbox_reaction'
import { onOutboxEvents, outboxDispatcher } from '#modules/outbox/outbox_dispatcher'
import { onOutboxWritten, outboxWritten } from '#modules/outbox/outbox_signal'
import { webhookFanOut } from '#modules/webhooks/services/webhook_fan_out'
import { notificationsFromEvents } from '#modules/notifications/services/notification_reaction'

// The outbox (migration 0060): events written with the changes they describe, dispatched after
// the commit by this process (woken by the commit) or by a worker's poll. The posting-time alert
// checks run on the postings' events, so a process dying after a commit loses none of them;
// webhooks fan out to their subscriptions in the same pass.
onOutboxWritten(() => outboxDispatcher.wake())
onOutboxEvents(alertsAfterPostings)
onOutboxEvents(webhookFanOut)
// notifications (到款提醒, approval decisions): rows in the same pass, emails after its commit
onOutboxEvents(notificationsFromEvents)
emitter.on('ledger:journal_posted', () => outboxWritten())

// Alerts (预警): record refused overdraws (nothing was committed, so there is no outbox row).
// The evaluator catches and logs its own errors: a posting is never blocked or failed by it.
// Resolve it once: a dynamic import and a container lookup per event cost a measurable share.
let alertEvaluator: Promise<AlertEvaluator> | undefined
function alerts(): Promise<AlertEvaluator> {
  alertEvaluator ??= import('#modules/alerts/services/alert_evaluator').then(({ AlertEvaluator }) =>
    app.container.make(AlertEvaluator)
  )
  return alertEvaluator
}
emitter.on('ledger:overdraw_attempted', async (attempt) => {
  const evaluator = await alerts()
  await evaluator.afterOverdrawAttempt(attempt)
})

// Approvals (审批): tell the approvers of the current level that a request waits for them.
emitter.on('approvals:awaiting_decision', async (approval) => {
  const { notifyApprovers } = await import('#modules/approvals/services/approval_notifier')
  await notifyApprovers(approval)
})
