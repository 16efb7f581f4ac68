import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { purgeOutbox } from '#modules/outbox/outbox_retention'

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000)

/**
 * An outbox event as the dispatcher leaves it (dispatched or not), created `age` days ago. Its type
 * is one no in-process reaction but the webhook fan-out handles (no active subscription here), so a
 * dispatcher woken meanwhile by another test's commit does nothing with it.
 */
async function event(age: number, dispatched: boolean) {
  const [row] = await db
    .table('outbox_events')
    .insert({
      type: 'import.completed',
      ordering_key: null,
      data: JSON.stringify({ test: 'retention' }),
      created_at: daysAgo(age),
      dispatched_at: dispatched ? daysAgo(age) : null,
    })
    .returning('id')
  return row.id as string
}

async function delivery(subscriptionId: number, eventId: string, status: string, age: number) {
  const [row] = await db
    .table('webhook_deliveries')
    .insert({
      subscription_id: subscriptionId,
      event_id: eventId,
      event_type: 'import.completed',
      ordering_key: null,
      status,
      created_at: daysAgo(age),
      retry_until: daysAgo(age - 1),
    })
    .returning('id')
  return Number(row.id)
}

const attempt = (deliveryId: number, age: number) =>
  db.table('webhook_attempts').insert({
    delivery_id: deliveryId,
    attempted_at: daysAgo(age),
    status_code: 200,
    duration_ms: 5,
  })

test.group('Outbox retention', () => {
  test('finished events and delivery logs past the window go in audited batches; nothing undelivered', async ({
    assert,
  }) => {
    const [subscription] = await db
      .table('webhook_subscriptions')
      .insert({ url: 'http://127.0.0.1:9/x', events: ['*'], secret_encrypted: 'x', active: false })
      .returning('id')
    const sub = Number(subscription.id)
    // purged: 3 old dispatched events without deliveries; 2 old delivered/dead ones with their logs
    const gone = [await event(120, true), await event(95, true), await event(91, true)]
    const deliveredEvent = await event(100, true)
    const delivered = await delivery(sub, deliveredEvent, 'delivered', 100)
    await attempt(delivered, 100)
    await attempt(delivered, 99)
    const deadEvent = await event(100, true)
    const dead = await delivery(sub, deadEvent, 'dead', 100)
    await attempt(dead, 100)
    // kept: recent, undispatched, a pending delivery, a dead one redelivered by hand 2 days ago
    const recent = await event(30, true)
    const undispatched = await event(200, false)
    // it stays undispatched throughout: a dispatcher woken by another test's commit skips a locked
    // row (SKIP LOCKED), and would otherwise dispatch it between the two purges below
    const holding = await db.transaction()
    await holding.rawQuery('SELECT 1 FROM outbox_events WHERE id = ? FOR UPDATE', [undispatched])
    const pendingEvent = await event(150, true)
    const pending = await delivery(sub, pendingEvent, 'pending', 150)
    await attempt(pending, 149)
    const retriedEvent = await event(110, true)
    const retried = await delivery(sub, retriedEvent, 'dead', 110)
    await attempt(retried, 2)
    const auditBefore = await db.from('audit_logs').where('entity_type', 'outbox').count('* as n')

    const counts = await purgeOutbox({ days: 90, batchSize: 2 })
    assert.deepEqual(counts, { events: 5, deliveries: 2, attempts: 3, batches: 3 })

    const events = await db
      .from('outbox_events')
      .whereIn('id', [
        ...gone,
        deliveredEvent,
        deadEvent,
        recent,
        undispatched,
        pendingEvent,
        retriedEvent,
      ])
    assert.sameMembers(
      events.map((row) => row.id),
      [recent, undispatched, pendingEvent, retriedEvent]
    )
    const deliveries = await db.from('webhook_deliveries').where('subscription_id', sub)
    assert.sameMembers(
      deliveries.map((row) => Number(row.id)),
      [pending, retried]
    )
    const attempts = await db.from('webhook_attempts').whereIn('delivery_id', [delivered, dead])
    assert.lengthOf(attempts, 0)

    // one audit row per batch, a system action, the counts adding up to the total
    const audit = await db
      .from('audit_logs')
      .where('entity_type', 'outbox')
      .orderBy('id')
      .offset(Number(auditBefore[0].n))
    assert.lengthOf(audit, 3)
    assert.deepEqual(
      audit.map((row) => [row.action, row.actor_role, row.actor_id, row.ip]),
      Array(3).fill(['purge', 'system', null, 'outbox:retention'])
    )
    const sum = (key: string) => audit.reduce((total, row) => total + row.after[key], 0)
    assert.deepEqual([sum('events'), sum('deliveries'), sum('attempts')], [5, 2, 3])
    assert.equal(audit[0].after.retentionDays, 90)

    // a second run finds nothing and writes no audit row
    assert.deepEqual(await purgeOutbox({ days: 90 }), { events: 0, batches: 0 })
    await holding.rollback()
    const after = await db.from('audit_logs').where('entity_type', 'outbox').count('* as n')
    assert.equal(Number(after[0].n), Number(auditBefore[0].n) + 3)
    await db.from('webhook_attempts').whereIn('delivery_id', [pending, retried]).delete()
    await db.from('webhook_deliveries').where('subscription_id', sub).delete()
    await db.from('webhook_subscriptions').where('id', sub).delete()
    await db
      .from('outbox_events')
      .whereIn('id', [recent, undispatched, pendingEvent, retriedEvent])
      .delete()
  })
})
