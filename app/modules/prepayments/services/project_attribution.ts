import { Money } from '#kernel/money/money'
import type { UnitOfWork } from '#kernel/unit_of_work'

interface Bucket {
  project_id: number | null
  balance: string
}

/**
 * Which project an application or refund of a project-tracked customer draws on (issue 17,
 * docs/domain.md "Projects"): the project named (explicitly, or by the document), else FIFO over
 * the customer's advances in the currency — money attributed to no project first, then each project
 * with an open advance in the order its first receipt came in — the first that covers the whole
 * movement; when none covers it alone, the one holding the most (a movement is one journal: one
 * request, one approval, one 红冲). What exceeds every open advance (credit) goes to the project
 * with the oldest advance. So per-project balances always add up to the customer's.
 */
export class ProjectAttribution {
  async projectFor(
    uow: UnitOfWork,
    customerId: number,
    currency: string,
    projectId: number | null,
    amount: Money
  ): Promise<number | null> {
    if (projectId !== null) return projectId
    // Locks the balance row first: two attributions for one customer × currency queue here.
    await uow.trx.rawQuery(
      'SELECT 1 FROM customer_balances WHERE customer_id = ? AND currency = ? FOR UPDATE',
      [customerId, currency]
    )
    const buckets = await this.buckets(uow, customerId, currency)
    if (buckets.length === 0) return null
    return this.fifo(buckets, amount)
  }

  private fifo(buckets: Bucket[], amount: Money): number | null {
    const covering = buckets.find((bucket) =>
      new Money(bucket.balance).greaterThanOrEqualTo(amount)
    )
    if (covering) return covering.project_id
    const open = buckets.filter((bucket) => new Money(bucket.balance).greaterThan(0))
    if (open.length === 0) return buckets.find((bucket) => bucket.project_id !== null)!.project_id
    return open.reduce((most, bucket) =>
      new Money(bucket.balance).greaterThan(most.balance) ? bucket : most
    ).project_id
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
