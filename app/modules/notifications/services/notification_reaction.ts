import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { OutboxReaction } from '#modules/outbox/public'
import type { OutboxEvent } from '#modules/outbox/public'
import { formatAmount, groupThousands } from '#kernel/money/money'
import type { NotificationKind } from '#modules/notifications/notification_kinds'
import { notificationMailer } from '#modules/notifications/services/notification_mailer'

/** One person to tell about one event (before their preference is applied). */
interface Draft {
  userId: number
  kind: NotificationKind
  eventId: string
  customerId: number | null
  params: Record<string, string | number>
}

/** An amount as stored in a notification: language-neutral (`CNY 12,000.00`). */
const amountText = (amount: string, currency: string) =>
  `${currency} ${groupThousands(formatAmount(amount, currency))}`

/**
 * Turns dispatched events into notifications, in the dispatch pass's transaction: a receipt posted
 * (到款提醒) and a bank line matched to a receipt tell the customer's sales owner; a decided
 * approval tells its requester. Each person's preference decides in-app and/or email (or nothing).
 * The rows' unique key (event × person × kind) makes a dispatch run twice add nothing; the emails of
 * the rows added go out after the commit (and by the worker's poll if this process dies first).
 */
export const notificationsFromEvents: OutboxReaction = {
  name: 'notifications',
  types: ['journal.posted', 'bank_line.matched', 'approval.decided'],
  async handle(events, trx) {
    const drafts = await draftsOf(events, trx)
    if (drafts.length === 0) return
    const inserted = await trx.rawQuery(
      `INSERT INTO notifications (user_id, kind, event_id, customer_id, params, in_app, email_state)
       SELECT x.user_id, x.kind, x.event_id, x.customer_id, x.params,
              d.delivery IN ('in_app_email', 'in_app'),
              CASE WHEN d.delivery IN ('in_app_email', 'email') THEN 'pending' ELSE 'none' END
         FROM jsonb_to_recordset(?::jsonb)
              AS x(user_id bigint, kind text, event_id uuid, customer_id bigint, params jsonb, n int)
         JOIN users u ON u.id = x.user_id AND u.is_active
         LEFT JOIN notification_preferences p ON p.user_id = x.user_id AND p.kind = x.kind
         CROSS JOIN LATERAL (SELECT coalesce(p.delivery, 'in_app_email') AS delivery) d
        WHERE d.delivery <> 'off'
        ORDER BY x.n
       ON CONFLICT (event_id, user_id, kind) DO NOTHING
       RETURNING id, email_state`,
      [JSON.stringify(drafts.map(toRecord))]
    )
    const emails = inserted.rows
      .filter((row: { email_state: string }) => row.email_state === 'pending')
      .map((row: { id: string }) => Number(row.id))
    if (emails.length > 0) return () => notificationMailer.sendDue(emails).then(() => undefined)
  },
}

async function draftsOf(events: OutboxEvent[], trx: TransactionClientContract): Promise<Draft[]> {
  const customers = await customersOf(events, trx)
  const journals = await matchedJournals(events, trx)
  const drafts: Draft[] = []
  for (const event of events) {
    const data = event.data
    if (event.type === 'approval.decided' && data.requestedBy) {
      drafts.push({
        userId: Number(data.requestedBy),
        kind: 'approval_decided',
        eventId: event.id,
        customerId: data.customerId ?? null,
        params: { approvalId: data.id, action: data.actionType, decision: data.decision },
      })
      continue
    }
    const customer = customers.get(Number(data.customerId))
    if (!customer?.ownerId) continue
    if (event.type === 'journal.posted' && data.kind === 'receipt') {
      // the owner who entered the receipt needs no reminder of it
      if (Number(data.createdBy) === customer.ownerId) continue
      drafts.push({
        userId: customer.ownerId,
        kind: 'receipt_posted',
        eventId: event.id,
        customerId: customer.id,
        params: {
          customer: customer.name,
          journalNo: data.journalNo,
          amount: amountText(data.amount, data.currency),
          entryDate: data.entryDate,
        },
      })
    }
    const journal = journals.get(Number(data.journalId))
    if (event.type === 'bank_line.matched' && journal) {
      drafts.push({
        userId: customer.ownerId,
        kind: 'bank_line_matched',
        eventId: event.id,
        customerId: customer.id,
        params: {
          customer: customer.name,
          journalNo: journal.journalNo,
          lineId: data.lineId,
          amount: amountText(data.amount, journal.currency),
        },
      })
    }
  }
  return drafts
}

async function customersOf(events: OutboxEvent[], trx: TransactionClientContract) {
  const ids = [...new Set(events.map((event) => Number(event.data.customerId)).filter(Boolean))]
  if (ids.length === 0) return new Map()
  const result = await trx.rawQuery(
    'SELECT id, name, sales_owner_id FROM customers WHERE id = ANY(?)',
    [ids]
  )
  return new Map<number, { id: number; name: string; ownerId: number | null }>(
    result.rows.map((row: any) => [
      Number(row.id),
      {
        id: Number(row.id),
        name: row.name,
        ownerId: row.sales_owner_id && Number(row.sales_owner_id),
      },
    ])
  )
}

async function matchedJournals(events: OutboxEvent[], trx: TransactionClientContract) {
  const ids = events
    .filter((event) => event.type === 'bank_line.matched')
    .map((event) => Number(event.data.journalId))
  if (ids.length === 0) return new Map()
  const result = await trx.rawQuery(
    "SELECT id, journal_no, currency FROM journals WHERE id = ANY(?) AND kind = 'receipt'",
    [ids]
  )
  return new Map<number, { journalNo: string; currency: string }>(
    result.rows.map((row: any) => [
      Number(row.id),
      { journalNo: row.journal_no, currency: row.currency },
    ])
  )
}

function toRecord(draft: Draft, index: number) {
  return {
    user_id: draft.userId,
    kind: draft.kind,
    event_id: draft.eventId,
    customer_id: draft.customerId,
    params: draft.params,
    n: index,
  }
}
