import { Decimal } from 'decimal.js'

/** What a journal does to one customer's balance, in its currency and in base. */
export interface Effect {
  journalId: number
  customerId: number
  currency: string
  amount: Decimal
  base: Decimal
  tag: string | null
  kind: string
}

export interface PendingApproval {
  id: number
  tag: string
  requesterId: number
}

/** A keyed request the harness may send again: the first answer it must get back byte for byte. */
export interface KeyedRequest {
  actorToken: string
  key: string
  method: string
  path: string
  body: string
  tag: string | null
  /** the approval a decision is about (its tag is the request's, not the decision's) */
  approvalId?: number
  /** the answer, once one was received (null: outcome unknown so far) */
  answer: { status: number; text: string } | null
}

/** A journal as the API answers it (201, or `result` of a final approval). */
export function effectOfJournal(journal: any): Effect {
  const base = (journal.lines as any[])
    .filter((line) => line.accountCode === '2203')
    .reduce((sum, line) => sum.plus(line.baseCredit).minus(line.baseDebit), new Decimal(0))
  return {
    journalId: Number(journal.id),
    customerId: Number(journal.customerId),
    currency: journal.currency,
    amount: new Decimal(journal.balanceEffect),
    base,
    tag: journal.kind === 'reversal' ? journal.reason : journal.memo,
    kind: journal.kind,
  }
}

/**
 * The side model: what the harness was told happened. Balances are summed from acknowledged
 * journals (and, after the run, from requests whose outcome was unknown, resolved by their tag);
 * everything else it checks against the database and the API.
 */
export class Model {
  readonly journals = new Map<number, Effect>()
  /** tags whose request was refused (or cancelled / rejected before posting): must post nothing */
  readonly refusedTags = new Set<string>()
  /** tags whose request got no definite answer (client abort, cut connection) */
  readonly unknownTags = new Set<string>()
  readonly pending = new Map<number, PendingApproval>()
  /** tags whose request was acknowledged as an approval request (202) */
  readonly requestedTags = new Set<string>()
  /** approvals whose decision got no definite answer */
  readonly unknownDecisions = new Set<number>()
  readonly keyed: KeyedRequest[] = []
  readonly refusals = new Map<string, number>()
  /** 5xx answers by status and rule (expected only while connections are cut) */
  readonly serverErrors = new Map<string, number>()
  readonly operations = new Map<string, number>()
  readonly outcomes = { acknowledged: 0, refused: 0, unknown: 0 }
  /** what went wrong while the run was going (a replay that differs, an answer not JSON…) */
  readonly violations: string[] = []
  kills = 0
  replaysChecked = 0

  count(kind: string) {
    this.operations.set(kind, (this.operations.get(kind) ?? 0) + 1)
  }

  refused(status: number, rule: string, tag: string | null) {
    this.outcomes.refused++
    const key = `${status} ${rule}`
    this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1)
    if (tag && !this.isPosted(tag)) this.refusedTags.add(tag)
  }

  unknown(tag: string | null) {
    this.outcomes.unknown++
    if (tag && !this.isPosted(tag)) this.unknownTags.add(tag)
  }

  posted(journal: any) {
    this.outcomes.acknowledged++
    const effect = effectOfJournal(journal)
    this.journals.set(effect.journalId, effect)
    if (effect.tag) {
      this.unknownTags.delete(effect.tag)
      this.refusedTags.delete(effect.tag)
    }
    return effect
  }

  isPosted(tag: string) {
    for (const effect of this.journals.values()) if (effect.tag === tag) return true
    return false
  }

  /** Acknowledged, reversible journals (not reversals themselves). */
  reversible(): Effect[] {
    return [...this.journals.values()].filter((e) => e.kind !== 'reversal')
  }

  /** Balance per `customerId currency`, in currency and base. */
  balances(): Map<string, { amount: Decimal; base: Decimal }> {
    const sums = new Map<string, { amount: Decimal; base: Decimal }>()
    for (const e of this.journals.values()) {
      const key = `${e.customerId} ${e.currency}`
      const sum = sums.get(key) ?? { amount: new Decimal(0), base: new Decimal(0) }
      sums.set(key, { amount: sum.amount.plus(e.amount), base: sum.base.plus(e.base) })
    }
    return sums
  }
}
