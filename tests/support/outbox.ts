import db from '@adonisjs/lucid/services/db'
import { outboxDispatcher } from '#modules/outbox/outbox_dispatcher'
import { reactionsSettled } from '#kernel/unit_of_work'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Waits until every outbox event is dispatched (alerts after postings raised, webhook deliveries
 * fanned out) and the after-commit work it started has finished: the outbox's reactionsSettled().
 */
export async function outboxSettled(timeoutMs = 10_000) {
  const started = Date.now()
  for (;;) {
    await reactionsSettled()
    await outboxDispatcher.drain()
    const [{ n }] = await db.from('outbox_events').whereNull('dispatched_at').count('* as n')
    if (Number(n) === 0) break
    if (Date.now() - started > timeoutMs) throw new Error(`${n} outbox events left undispatched`)
    await sleep(20)
  }
  await reactionsSettled()
}
