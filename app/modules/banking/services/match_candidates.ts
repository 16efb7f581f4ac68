import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'
import {
  bestCustomer,
  codeTokens,
  nameConfidence,
  REASON_CONFIDENCE,
  type Signal,
} from '#modules/banking/services/match_signals'
import { numberOrNull } from '#kernel/row_values'

/** A line as the matcher reads it. */
export interface CandidateLine {
  id: number
  direction: 'credit' | 'debit'
  /** exact decimal text */
  amount: string
  counterparty_account: string | null
  counterparty_name: string | null
  memo: string | null
}

/** What the matcher found for a line: a journal with the bank's reference, and/or a customer. */
export interface Candidates {
  byReference: Map<number, { journalId: number; customerId: number }>
  customer: Map<number, Signal>
  byAmountDate: Map<number, { journalId: number; projectId: number | null }>
}

/** Receipts for credits, refunds for debits; live (not reversed) and not yet proven by a line. */
const JOURNAL_FITS = `
  j.kind = CASE l.direction WHEN 'credit' THEN 'receipt' ELSE 'refund' END
  AND j.currency = l.currency
  AND j.amount = CASE l.direction WHEN 'credit' THEN l.amount ELSE -l.amount END
  AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)
  AND NOT EXISTS (SELECT 1 FROM bank_line_matches m WHERE m.journal_id = j.id)`

/**
 * Reads, in a few set-based statements over a batch of lines, everything the decision needs:
 * (a) journals carrying the line's bank reference; (b) the customer by learned payer account,
 * contract / customer code in the memo, or payer name (pg_trgm over bank_name_key); (c) for a named
 * customer, a registered journal of the same amount within the date window.
 */
export async function findCandidates(
  client: QueryClientContract,
  lines: CandidateLine[],
  windowDays: number
): Promise<Candidates> {
  const ids = lines.map((line) => line.id)
  const byReference = new Map<number, { journalId: number; customerId: number }>()
  const refs = await client.rawQuery(
    `SELECT DISTINCT ON (l.id) l.id AS line_id, j.id AS journal_id, j.customer_id
       FROM bank_lines l JOIN journals j ON j.bank_reference = l.bank_reference AND ${JOURNAL_FITS}
      WHERE l.id = ANY(?) AND l.bank_reference IS NOT NULL
      ORDER BY l.id, j.id`,
    [ids]
  )
  for (const row of refs.rows) {
    byReference.set(Number(row.line_id), {
      journalId: Number(row.journal_id),
      customerId: Number(row.customer_id),
    })
  }
  const rest = lines.filter((line) => !byReference.has(line.id))
  const signals = await customerSignals(client, rest)
  const customer = new Map<number, Signal>()
  for (const line of rest) {
    const best = bestCustomer(signals.get(line.id) ?? [])
    if (best) customer.set(line.id, best)
  }
  const byAmountDate = await amountDateMatches(client, customer, windowDays)
  return { byReference, customer, byAmountDate }
}

async function customerSignals(client: QueryClientContract, lines: CandidateLine[]) {
  const signals = new Map<number, Signal[]>()
  const add = (lineId: number, found: Signal) =>
    signals.set(lineId, [...(signals.get(lineId) ?? []), found])
  const withAccount = lines.filter((line) => line.counterparty_account)
  if (withAccount.length) {
    const known = await client.rawQuery(
      `SELECT p.account_no, p.customer_id FROM payer_accounts p JOIN customers c ON c.id = p.customer_id
        WHERE p.account_no = ANY(?) AND c.status = 'active'`,
      [withAccount.map((line) => line.counterparty_account as string)]
    )
    const owner = new Map<string, number>(
      known.rows.map((row: any) => [row.account_no, Number(row.customer_id)])
    )
    for (const line of withAccount) {
      const customerId = owner.get(line.counterparty_account!)
      if (customerId) add(line.id, signal(customerId, null, 'payer_account'))
    }
  }
  await codeSignals(client, lines, add)
  await nameSignals(
    client,
    lines.filter((line) => !signals.has(line.id) && line.counterparty_name),
    add
  )
  return signals
}

function signal(
  customerId: number,
  projectId: number | null,
  reason: keyof typeof REASON_CONFIDENCE
): Signal {
  return { customerId, projectId, reason, confidence: new Decimal(REASON_CONFIDENCE[reason]) }
}

/** Contract (project) and customer codes named in the memo; a code two customers share names nobody. */
async function codeSignals(
  client: QueryClientContract,
  lines: CandidateLine[],
  add: (lineId: number, signal: Signal) => void
) {
  const tokens = new Map(lines.map((line) => [line.id, codeTokens(line.memo)]))
  const all = [...new Set([...tokens.values()].flat())]
  if (all.length === 0) return
  const projects = await client.rawQuery(
    `SELECT lower(p.code) AS code, min(p.id) AS project_id, min(p.customer_id) AS customer_id,
            count(DISTINCT p.customer_id) AS owners
       FROM projects p JOIN customers c ON c.id = p.customer_id AND c.status = 'active'
      WHERE lower(p.code) = ANY(?) GROUP BY lower(p.code)`,
    [all]
  )
  const customers = await client.rawQuery(
    `SELECT lower(code) AS code, id FROM customers WHERE lower(code) = ANY(?) AND status = 'active'`,
    [all]
  )
  const project = new Map(
    projects.rows.filter((r: any) => Number(r.owners) === 1).map((r: any) => [r.code, r])
  )
  const owner = new Map<string, number>(customers.rows.map((r: any) => [r.code, Number(r.id)]))
  for (const [lineId, words] of tokens) {
    for (const word of words) {
      const p: any = project.get(word)
      if (p) add(lineId, signal(Number(p.customer_id), Number(p.project_id), 'project_code'))
      else if (owner.has(word)) add(lineId, signal(owner.get(word)!, null, 'customer_code'))
    }
  }
}

/**
 * Payer names against customer names: the same name key (company-form words aside) first, one
 * index lookup per line; only the names with no such customer go to pg_trgm: the two nearest by
 * trigram distance from the GiST index (at least 0.5 similar), tens of milliseconds per line on
 * 20,000 customers.
 */
async function nameSignals(
  client: QueryClientContract,
  lines: CandidateLine[],
  add: (lineId: number, signal: Signal) => void
) {
  if (lines.length === 0) return
  const names = [
    lines.map((line) => line.id),
    lines.map((line) => line.counterparty_name as string),
  ]
  const exact = await client.rawQuery(
    `SELECT u.line_id, k.customer_id, 1 AS sim
       FROM unnest(?::bigint[], ?::text[]) AS u(line_id, name)
       JOIN customer_name_keys k ON k.name_key = bank_name_key(u.name)
       JOIN customers c ON c.id = k.customer_id AND c.status = 'active'`,
    names
  )
  const named = new Set(exact.rows.map((row: any) => Number(row.line_id)))
  const rest = lines.filter((line) => !named.has(line.id))
  let fuzzy: any[] = []
  if (rest.length) {
    const found = await client.rawQuery(
      `WITH x AS MATERIALIZED (
         SELECT line_id, bank_name_key(name) AS key FROM unnest(?::bigint[], ?::text[]) AS u(line_id, name))
       SELECT x.line_id, k.customer_id, 1 - k.distance AS sim
         FROM x CROSS JOIN LATERAL (
           SELECT k.customer_id, k.name_key <-> x.key AS distance
             FROM customer_name_keys k JOIN customers c ON c.id = k.customer_id AND c.status = 'active'
            ORDER BY k.name_key <-> x.key LIMIT 2) k
        WHERE k.distance <= 0.5`,
      [rest.map((line) => line.id), rest.map((line) => line.counterparty_name as string)]
    )
    fuzzy = found.rows
  }
  for (const row of [...exact.rows, ...fuzzy]) {
    const confidence = nameConfidence(row.sim)
    if (confidence.gt(0)) {
      add(Number(row.line_id), {
        customerId: Number(row.customer_id),
        projectId: null,
        reason: 'payer_name',
        confidence,
      })
    }
  }
}

/** For lines with a customer: that customer's registered journal of the same amount near the date. */
async function amountDateMatches(
  client: QueryClientContract,
  customer: Map<number, Signal>,
  windowDays: number
) {
  const found = new Map<number, { journalId: number; projectId: number | null }>()
  if (customer.size === 0) return found
  const lineIds = [...customer.keys()]
  const result = await client.rawQuery(
    `SELECT DISTINCT ON (x.line_id) x.line_id, j.id AS journal_id, j.project_id
       FROM unnest(?::bigint[], ?::bigint[]) AS x(line_id, customer_id)
       JOIN bank_lines l ON l.id = x.line_id
       JOIN journals j ON j.customer_id = x.customer_id
        AND j.entry_date BETWEEN l.value_date - ?::int AND l.value_date + ?::int AND ${JOURNAL_FITS}
      ORDER BY x.line_id, abs(j.entry_date - l.value_date), j.id`,
    [lineIds, lineIds.map((id) => customer.get(id)!.customerId), windowDays, windowDays]
  )
  const taken = new Set<number>()
  for (const row of result.rows) {
    const journalId = Number(row.journal_id)
    if (taken.has(journalId)) continue
    taken.add(journalId)
    found.set(Number(row.line_id), {
      journalId,
      projectId: numberOrNull(row.project_id),
    })
  }
  return found
}
