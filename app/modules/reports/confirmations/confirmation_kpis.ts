import type { QueryClientContract } from '@adonisjs/lucid/types/database'

export interface ConfirmationKpis {
  /** confirmed ÷ statements asked (superseded ones not counted), as a percentage "85.7"; null when none */
  rate: string | null
  confirmed: number
  asked: number
  /** disputes finance has not resolved (whatever their period) */
  openDisputes: number
}

/**
 * Statement confirmation figures (对账确认率, open disputes) for the executive pack and the
 * dashboard: statements whose period ends within `periodEnd` (from, to), or all of them.
 */
export async function confirmationKpis(
  client: QueryClientContract,
  periodEnd?: { from: string; to: string },
  ownerId?: number
): Promise<ConfirmationKpis> {
  const result = await client.rawQuery(
    `SELECT count(*) FILTER (WHERE sc.status = 'confirmed'
                              AND (:from::date IS NULL OR sc.period_to BETWEEN :from AND :to)) AS confirmed,
            count(*) FILTER (WHERE sc.status <> 'superseded'
                              AND (:from::date IS NULL OR sc.period_to BETWEEN :from AND :to)) AS asked,
            count(*) FILTER (WHERE sc.status = 'disputed' AND sc.resolved_at IS NULL) AS open_disputes,
            round(100.0 * count(*) FILTER (WHERE sc.status = 'confirmed'
                              AND (:from::date IS NULL OR sc.period_to BETWEEN :from AND :to))
                  / nullif(count(*) FILTER (WHERE sc.status <> 'superseded'
                              AND (:from::date IS NULL OR sc.period_to BETWEEN :from AND :to)), 0), 1)::text AS rate
       FROM statement_confirmations sc JOIN customers c ON c.id = sc.customer_id
      WHERE (:owner::bigint IS NULL OR c.sales_owner_id = :owner)`,
    { from: periodEnd?.from ?? null, to: periodEnd?.to ?? null, owner: ownerId ?? null } as any
  )
  const row = result.rows[0]
  return {
    rate: row.rate,
    confirmed: Number(row.confirmed),
    asked: Number(row.asked),
    openDisputes: Number(row.open_disputes),
  }
}
