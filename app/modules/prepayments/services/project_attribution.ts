import { Money } from '#kernel/money/money'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** A part of a movement and the project it is attributed to (null: the customer has no projects). */
export interface ProjectSlice {
  projectId: number | null
  amount: Money
}

interface Bucket {
  project_id: number | null
  balance: string
}

/**
 * Which project an application or refund of a project-tracked customer draws on (issue 17,
 * docs/domain.md "Projects"): the project named (explicitly, or by the document), else FIFO over
 * the customer's advances in the currency — money attributed to no project first, then each project
 * with an open advance in the order its first receipt came in — splitting the movement where one
 * project's advance does not cover it. What exceeds every open advance (credit) goes to the
 * project with the oldest advance. So per-project balances always add up to the customer's.
 */
export class ProjectAttribution {
  async slices(
    uow: UnitOfWork,
    customerId: number,
    currency: string,
    projectId: number | null,
    amount: Money
  ): Promise<ProjectSlice[]> {
    if (projectId !== null) return [{ projectId, amount }]
    // Locks the balance row first: two attributions for one customer × currency queue here.
    await uow.trx.rawQuery(
      'SELECT 1 FROM customer_balances WHERE customer_id = ? AND currency = ? FOR UPDATE',
      [customerId, currency]
    )
    const buckets = await this.buckets(uow, customerId, currency)
    if (buckets.length === 0) return [{ projectId: null, amount }]
    return this.fifo(buckets, amount)
  }

  private fifo(buckets: Bucket[], amount: Money): ProjectSlice[] {
    const slices = new Map<number | null, Money>()
    let left = amount
    for (const bucket of buckets) {
      const open = new Money(bucket.balance)
      if (left.isZero()) break
      if (open.lessThanOrEqualTo(0)) continue
      const take = Money.min(open, left)
      slices.set(bucket.project_id, (slices.get(bucket.project_id) ?? new Money(0)).plus(take))
      left = left.minus(take)
    }
    if (!left.isZero()) {
      const oldest = buckets.find((bucket) => bucket.project_id !== null)!.project_id
      slices.set(oldest, (slices.get(oldest) ?? new Money(0)).plus(left))
    }
    return [...slices].map(([id, part]) => ({ projectId: id, amount: part }))
  }

  /**
   * The customer's projects in FIFO order, after the part of the balance no project holds (none
   * when the customer has no project: nothing to attribute).
   */
  private async buckets(uow: UnitOfWork, customerId: number, currency: string) {
    const result = await uow.trx.rawQuery(
      `WITH projects_in_order AS (
         SELECT p.id AS project_id, coalesce(pb.balance, 0) AS balance,
                (SELECT min(j.entry_date) FROM journals j
                  WHERE j.customer_id = p.customer_id AND j.project_id = p.id
                    AND j.currency = :currency AND j.amount > 0) AS first_in
           FROM projects p
           LEFT JOIN project_balances pb ON pb.project_id = p.id AND pb.currency = :currency
          WHERE p.customer_id = :customer
       )
       SELECT NULL::bigint AS project_id,
              cb.balance - coalesce((SELECT sum(balance) FROM project_balances
                                      WHERE customer_id = :customer AND currency = :currency), 0)
                AS balance,
              0 AS rank, NULL::date AS first_in, 0::bigint AS id
         FROM customer_balances cb
        WHERE cb.customer_id = :customer AND cb.currency = :currency
          AND EXISTS (SELECT 1 FROM projects_in_order)
       UNION ALL
       SELECT project_id, balance, 1, first_in, project_id FROM projects_in_order
       ORDER BY rank, first_in NULLS LAST, id`,
      { customer: customerId, currency }
    )
    return result.rows as Bucket[]
  }
}
