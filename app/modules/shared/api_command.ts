import type { HttpContext } from '@adonisjs/core/http'
import { actorFromHttp } from '#modules/shared/actor'
import { runInTransaction, type UnitOfWork } from '#modules/shared/unit_of_work'
import {
  assertValidKey,
  claimKey,
  requestFingerprint,
  storeResponse,
  type StoredResponse,
} from '#modules/shared/idempotency'

/**
 * Runs a state-changing API call as one unit of work: authorised by the caller beforehand, audited
 * inside, and idempotent when the client sends an Idempotency-Key header.
 */
export async function executeCommand(
  ctx: HttpContext,
  work: (uow: UnitOfWork) => Promise<StoredResponse>
): Promise<void> {
  const key = ctx.request.header('idempotency-key')
  const user = ctx.auth.getUserOrFail()
  if (key !== undefined) assertValidKey(key)
  const response = await runInTransaction(actorFromHttp(ctx), async (uow) => {
    if (key === undefined) return work(uow)
    const fingerprint = requestFingerprint(
      ctx.request.method(),
      ctx.request.url(),
      ctx.request.body()
    )
    const replay = await claimKey(uow.trx, user.id, key, fingerprint)
    if (replay) {
      ctx.response.header('Idempotent-Replayed', 'true')
      return replay
    }
    const fresh = await work(uow)
    await storeResponse(uow.trx, user.id, key, fresh)
    return fresh
  })
  ctx.response.status(response.status).send(response.body)
}
