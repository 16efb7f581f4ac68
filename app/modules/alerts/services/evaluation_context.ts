import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { JournalView } from '#modules/prepayments/public'
import type { OverdrawAttempt } from '#modules/prepayments/public'

/*
| What one evaluation covers, and the views of it the checks bind to their statements: a pass
| after several postings is one evaluation, so each check reads for all of its targets at once.
*/

/**
 * A posted journal as its outbox event carries it (`journal.posted`, `journal.reversed`): the
 * journal's fields, without its lines and the balance after it.
 */
export type PostedJournal = Omit<JournalView, 'lines' | 'balanceAfter'>

/** A customer evaluated as of a date; after a posting, about the journal posted. */
export interface Target {
  customerId: number
  asOf: string
  journal?: PostedJournal
}

export interface EvaluationContext {
  /** the evaluation only reads */
  client: QueryClientContract
  /** the business date evaluated (company time zone), unless a target has its own */
  asOf: string
  /** the instant hour-based rules compare with */
  now: Date
  /**
   * The customers evaluated (default: every customer, as of `asOf`). A pass after several
   * postings has one target per journal; each check reads for all of them in one statement.
   */
  targets?: Target[]
  overdraw?: OverdrawAttempt
}

/** The customers an evaluation covers (undefined: every customer). */
function customerIdsOf(ctx: EvaluationContext): number[] | undefined {
  return ctx.targets && [...new Set(ctx.targets.map((target) => target.customerId))]
}

/** Binds a customer filter: `(:all OR x = ANY(:ids))`. */
export function customerFilter(ctx: EvaluationContext) {
  const ids = customerIdsOf(ctx)
  return { all: ids === undefined, ids: ids ?? [] }
}

/** The date a customer is evaluated as of: that of its first target (the first posting). */
export function asOfFor(ctx: EvaluationContext, customerId: number): string {
  return ctx.targets?.find((target) => target.customerId === customerId)?.asOf ?? ctx.asOf
}

export type Posted = Target & { journal: PostedJournal }

/** The targets about a journal of this kind just posted. */
export function postedOfKind(ctx: EvaluationContext, kind: string): Posted[] {
  return (ctx.targets ?? []).filter((t): t is Posted => t.journal?.kind === kind)
}

/**
 * The customers evaluated, grouped by the date they are evaluated as of (one group per date);
 * with `relevant`, only the targets it keeps (none kept: no group).
 */
export function groupsByAsOf(
  ctx: EvaluationContext,
  relevant: (target: Target) => boolean = () => true
): Array<{ asOf: string; customerIds?: number[] }> {
  if (!ctx.targets) return [{ asOf: ctx.asOf }]
  const groups = new Map<string, Set<number>>()
  for (const { asOf, customerId } of ctx.targets.filter(relevant)) {
    groups.set(asOf, (groups.get(asOf) ?? new Set()).add(customerId))
  }
  return [...groups].map(([asOf, ids]) => ({ asOf, customerIds: [...ids] }))
}
