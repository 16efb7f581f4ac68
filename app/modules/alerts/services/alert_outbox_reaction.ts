import app from '@adonisjs/core/services/app'
import type { OutboxReaction } from '#modules/outbox/public'
import { AlertEvaluator } from '#modules/alerts/services/alert_evaluator'
import type { PostedJournal } from '#modules/alerts/services/evaluation_context'

/**
 * The posting-time alert rules, run by the outbox dispatcher on the postings' events: durable (an
 * event stays undispatched until its pass commits, so a process dying after the posting's commit
 * loses no check) and batched (a pass evaluates every posting it claims in one go). Emails go after
 * the pass commits. A pass that runs twice opens nothing twice (one unresolved alert per rule ×
 * subject).
 */
let evaluator: Promise<AlertEvaluator> | undefined

export const alertsAfterPostings: OutboxReaction = {
  name: 'alerts-after-postings',
  types: ['journal.posted', 'journal.reversed'],
  async handle(events) {
    evaluator ??= app.container.make(AlertEvaluator)
    const alerts = await evaluator
    const opened = await alerts.evaluatePostings(events.map((event) => event.data as PostedJournal))
    return () => alerts.notify(opened)
  },
}
