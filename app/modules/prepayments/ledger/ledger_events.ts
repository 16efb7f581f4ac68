/*
| The ledger's domain events other modules react to. Emitted only after the transaction that caused
| them commits (or, for a refused operation, after it rolled back).
*/
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import { Conflict } from '#kernel/errors'
import type { Actor } from '#kernel/actor'
import type { JournalView } from '#modules/prepayments/services/journal_view'

/** A movement the ledger refused because it would overdraw the balance or break the credit limit. */
export interface OverdrawAttempt {
  customerId: number
  currency: string
  kind: string
  /** requested amount and the headroom it exceeded (available + usable credit), in the currency's decimals */
  amount: string
  headroom: string
  actor: Actor
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'ledger:journal_posted': JournalView
    'ledger:overdraw_attempted': OverdrawAttempt
  }
}

/**
 * After the transaction of a movement refused for lack of balance/credit has rolled back, tell the
 * modules that watch for it (alerts). Never delays or changes the refusal itself. Installed on the
 * kernel's command runner at boot (start/wiring.ts).
 */
export function reportRefusedOverdraw(error: unknown, actor: Actor) {
  if (!(error instanceof Conflict) || error.details[0]?.rule !== 'insufficient_balance') return
  const meta = error.details[0].meta ?? {}
  if (typeof meta.customerId !== 'number') return
  emitter
    .emit('ledger:overdraw_attempted', {
      customerId: meta.customerId,
      currency: String(meta.currency),
      kind: String(meta.kind),
      amount: String(meta.amount),
      headroom: String(meta.headroom),
      actor,
    })
    .catch((err) => logger.error({ err }, 'ledger:overdraw_attempted listener failed'))
}
