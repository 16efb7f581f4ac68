import type { HttpContext } from '@adonisjs/core/http'
import { actorFromHttp, type Actor } from '#kernel/actor'
import {
  runAsOneStatement,
  runInTransaction,
  type CustomerGuard,
  type UnitOfWork,
} from '#kernel/unit_of_work'
import {
  assertValidKey,
  claimKey,
  requestFingerprint,
  responseText,
  storeResponse,
  type StoredResponse,
} from '#kernel/idempotency'

export interface CommandOptions {
  /** the customer the command acts on: the caller's right is checked before anything commits */
  customer?: CustomerGuard
  /**
   * The command is one ledger statement, which checks the guard on the customer it locks and
   * writes its own audit rows: without an Idempotency-Key to store with it, it runs as its own
   * transaction (no BEGIN, no COMMIT). Other commands have the guard checked by a read first.
   */
  oneStatement?: boolean
}

/**
 * Runs a state-changing API call as one unit of work: authorised (permission by the route, the
 * customer here), audited inside, and idempotent when the client sends an Idempotency-Key header.
 */
export async function executeCommand(
  ctx: HttpContext,
  work: (uow: UnitOfWork) => Promise<StoredResponse>,
  options: CommandOptions = {}
): Promise<StoredResponse> {
  const key = ctx.request.header('idempotency-key')
  if (key !== undefined) assertValidKey(key)
  const actor = actorFromHttp(ctx)
  const run = options.oneStatement && key === undefined ? runAsOneStatement : runInTransaction
  const response = await run(actor, async (uow) => {
    if (options.customer) {
      uow.guardCustomer(options.customer)
      if (!options.oneStatement) await uow.checkCustomer()
    }
    const result = await idempotent(ctx, uow, key, work)
    // A replay, or a path that never reached the ledger: still checked before anything commits.
    await uow.checkCustomer()
    return result
  }).catch((error) => {
    reportRefusal(error, actor)
    throw error
  })
  // Serialised here once: the bytes sent are the bytes an idempotent replay sends again.
  ctx.response
    .status(response.status)
    .header('Content-Type', 'application/json; charset=utf-8')
    .send(responseText(response))
  return response
}

/**
 * The usual command: `work` returns the body and the answer is always `status` (201 created, 200
 * changed, 202 accepted; 204: `work` returns nothing, stored and replayed as null). A command whose
 * status depends on what happened (posted or pending) returns its StoredResponse through
 * executeCommand itself.
 */
export function respond(
  ctx: HttpContext,
  status: number,
  work: (uow: UnitOfWork) => Promise<unknown>,
  options: CommandOptions = {}
): Promise<StoredResponse> {
  return executeCommand(ctx, async (uow) => ({ status, body: (await work(uow)) ?? null }), options)
}

async function idempotent(
  ctx: HttpContext,
  uow: UnitOfWork,
  key: string | undefined,
  work: (uow: UnitOfWork) => Promise<StoredResponse>
): Promise<StoredResponse> {
  if (key === undefined) return work(uow)
  const userId = ctx.auth.getUserOrFail().id
  const fingerprint = requestFingerprint(
    ctx.request.method(),
    ctx.request.url(),
    ctx.request.body()
  )
  const replay = await claimKey(uow.trx, userId, key, fingerprint)
  if (replay) {
    ctx.response.header('Idempotent-Replayed', 'true')
    return replay
  }
  const fresh = await work(uow)
  return storeResponse(uow.trx, userId, key, fresh)
}

/**
 * Listeners told of a command refused after its transaction rolled back (the ledger reports a
 * refused overdraw to the alerts). Installed at boot by the module that cares (start/wiring.ts);
 * a listener never delays or changes the refusal itself.
 */
type RefusalListener = (error: unknown, actor: Actor) => void
const refusalListeners: RefusalListener[] = []

export function onCommandRefused(listener: RefusalListener) {
  refusalListeners.push(listener)
}

function reportRefusal(error: unknown, actor: Actor) {
  for (const listener of refusalListeners) listener(error, actor)
}
