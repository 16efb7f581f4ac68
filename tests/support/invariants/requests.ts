import type { Prng } from '#tests/support/invariants/prng'
import type { Model } from '#tests/support/invariants/model'
import type { Actor, HarnessCustomer, World } from '#tests/support/invariants/world'
import { route } from '#tests/support/route'

export interface Request {
  kind: string
  actor: Actor
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  /** the unique text the request's journal carries (memo, or reason of a reversal) */
  tag: string | null
  key?: string
  approvalId?: number
}

/**
 * Draws the requests of the simulated users: valid movements of every kind (dated in the
 * harness's months), decisions on the approvals it knows of, period closes, malformed input, and
 * the roles that may not do what they try.
 */
export class RequestBuilder {
  private serial = 0

  constructor(
    private world: World,
    private model: Model,
    private seed: number
  ) {}

  tag() {
    return `iv${this.seed}-${++this.serial}`
  }

  private actorOf(rng: Prng, roles: string[]) {
    return rng.pick(this.world.actors.filter((a) => roles.includes(a.role)))
  }

  private movement(rng: Prng, customer: HarnessCustomer, tag: string) {
    const month = rng.pick(this.world.months)
    return {
      customerId: customer.id,
      projectId: rng.chance(0.5) ? customer.projectId : undefined,
      amount: `${rng.int(1, 5000)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
      currency: customer.currency,
      entryDate: `${month}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      memo: tag,
    }
  }

  build(kind: string, rng: Prng): Request | null {
    const customer = rng.pick(this.world.customers)
    const tag = this.tag()
    const money = ['finance', 'finance_manager']
    switch (kind) {
      case 'receipt':
        return {
          kind,
          actor: this.actorOf(
            rng,
            rng.chance(0.05) ? ['executive', 'auditor'] : ['sales', ...money]
          ),
          method: 'POST',
          path: route('receipts.store'),
          body: {
            ...this.movement(rng, customer, tag),
            channel: rng.pick(['bank_transfer', 'cash', 'wechat']),
          },
          tag,
        }
      case 'application':
        return {
          kind,
          actor: this.actorOf(rng, rng.chance(0.05) ? ['sales'] : money),
          method: 'POST',
          path: route('applications.store'),
          body: { ...this.movement(rng, customer, tag), documentType: 'invoice', documentNo: tag },
          tag,
        }
      case 'refund':
        return {
          kind,
          actor: this.actorOf(rng, money),
          method: 'POST',
          path: route('refunds.store'),
          body: this.movement(rng, customer, tag),
          tag,
        }
      case 'adjustment': {
        const body = { ...this.movement(rng, customer, tag), reason: 'harness' }
        if (rng.chance(0.5)) body.amount = `-${body.amount}`
        return {
          kind,
          actor: this.actorOf(rng, money),
          method: 'POST',
          path: route('adjustments.store'),
          body,
          tag,
        }
      }
      case 'reversal': {
        const target = rng.pick(this.model.reversible())
        if (!target) return null
        const month = rng.pick(this.world.months)
        return {
          kind,
          actor: this.actorOf(rng, money),
          method: 'POST',
          path: route('journals.reverse', { id: target.journalId }),
          body: { reason: tag, entryDate: `${month}-28` },
          tag,
        }
      }
      case 'decide':
        return this.decision(rng)
      case 'close': {
        // only the first half of the months closes: the run keeps open months to post in
        const month = rng.pick(this.world.months.slice(0, 3))
        return {
          kind,
          actor: this.actorOf(rng, ['finance_manager']),
          method: 'POST',
          path: route('periods.close', { period: month }),
          body: {},
          tag: null,
        }
      }
      case 'invalid':
        return this.invalid(rng, customer, tag)
      default:
        return {
          kind,
          actor: this.actorOf(rng, ['auditor', 'executive', 'finance']),
          method: 'GET',
          path: route('customers.balances', { id: customer.id }),
          tag: null,
        }
    }
  }

  /** Approve (by whoever is drawn: the requester or a read-only role is refused), reject or cancel. */
  private decision(rng: Prng): Request | null {
    const pending = [...this.model.pending.values()]
    if (!pending.length) return null
    const approval = rng.pick(pending)
    const verb = rng.weighted({ approve: 6, reject: 2, cancel: 2 })
    const requester = this.world.actors.find((a) => a.userId === approval.requesterId)!
    const actor =
      verb === 'cancel' && rng.chance(0.85)
        ? requester
        : this.actorOf(
            rng,
            rng.chance(0.85) ? ['finance_manager', 'admin'] : ['finance', 'sales', 'auditor']
          )
    return {
      kind: `decide:${verb}`,
      actor,
      method: 'POST',
      path: route(`approvals.${verb}`, { id: approval.id }),
      body: { comment: 'harness' },
      tag: approval.tag,
      approvalId: approval.id,
    }
  }

  private invalid(rng: Prng, customer: HarnessCustomer, tag: string): Request {
    const good = { ...this.movement(rng, customer, tag), channel: 'cash' }
    const broken = rng.pick<Record<string, unknown>>([
      { ...good, amount: 12.5 },
      { ...good, amount: '-5.00' },
      { ...good, amount: '1.001' },
      { ...good, customerId: 9_007_199_254_740_991 },
      { ...good, customerId: '9223372036854775808' },
      { ...good, memo: `${tag}\u0000` },
      { ...good, channel: 'barter' },
      { ...good, entryDate: '2999-01-01' },
      { ...good, currency: 'XXX' },
      { ...good, amount: '999999999999.99' },
    ])
    return {
      kind: 'invalid',
      actor: this.actorOf(rng, ['finance', 'sales']),
      method: 'POST',
      path: route('receipts.store'),
      body: broken,
      tag,
    }
  }
}
