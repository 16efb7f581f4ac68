import type pg from 'pg'

/**
 * The SQL sides' journals get their outbox events from the trigger on journals, as the API's do
 * (every side pays for writing them). Dispatching them is work of the API side only: they are set
 * aside between rounds, untimed, so the next api round does not evaluate the SQL sides' postings.
 */
export async function setAsideEvents(pool: pg.Pool, customers: number[]) {
  await pool.query(
    `UPDATE outbox_events SET dispatched_at = now()
      WHERE dispatched_at IS NULL AND ordering_key = ANY($1)`,
    [customers.map((id) => `customer:${id}`)]
  )
}

/**
 * The API's postings were all dispatched (alert checks, webhook fan-out) by the time its rounds
 * ended: the outbox kept up.
 */
export async function checkDispatched(pool: pg.Pool, apiCustomers: number[]) {
  const result = await pool.query(
    `SELECT count(*) AS posted, count(*) FILTER (WHERE dispatched_at IS NULL) AS waiting
       FROM outbox_events WHERE type = 'journal.posted' AND ordering_key = ANY($1)`,
    [apiCustomers.map((id) => `customer:${id}`)]
  )
  const { posted, waiting } = result.rows[0]
  if (Number(waiting) > 0)
    throw new Error(`api: ${waiting} of ${posted} outbox events undispatched`)
}

/** Every side wrote what it was asked to: one journal, two lines and one audit row per posting. */
export async function checkWrites(
  pool: pg.Pool,
  sides: Array<readonly [string, number[]]>,
  perSide: number
) {
  for (const [side, customers] of sides) {
    const result = await pool.query(
      `SELECT (SELECT count(*) FROM journals WHERE customer_id = ANY($1)) AS journals,
              (SELECT count(*) FROM journal_lines l JOIN journals j ON j.id = l.journal_id
                WHERE j.customer_id = ANY($1)) AS lines,
              (SELECT count(*) FROM audit_logs a JOIN journals j ON a.entity_type = 'journal'
                AND a.entity_id = j.id::text WHERE j.customer_id = ANY($1)) AS audits`,
      [customers]
    )
    const row = result.rows[0]
    const found = [Number(row.journals), Number(row.lines), Number(row.audits)]
    if (found[0] !== perSide || found[1] !== 2 * perSide || found[2] !== perSide) {
      throw new Error(
        `${side}: expected ${perSide} journals, ${2 * perSide} lines and ${perSide} audit rows; ` +
          `found ${found.join(', ')}`
      )
    }
  }
}
