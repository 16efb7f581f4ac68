import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import { effectOfJournal, type Model } from '#tests/support/invariants/model'
import type { World } from '#tests/support/invariants/world'
import { route } from '#tests/support/route'

/** Each invariant checked, and what broke it (empty: the run is sound). */
export class Checks {
  performed = 0
  readonly violations: string[] = []

  check(ok: boolean, what: string) {
    this.performed++
    if (!ok) this.violations.push(what)
  }
}

interface DbJournal {
  id: number
  customer_id: number
  kind: string
  tag: string | null
  approval_id: number | null
}

async function journalsOf(world: World): Promise<DbJournal[]> {
  const result = await db.rawQuery(
    `SELECT id::int, customer_id::int, kind, approval_id::int,
            CASE WHEN kind = 'reversal' THEN reason ELSE memo END AS tag
       FROM journals WHERE customer_id = ANY(?::bigint[]) ORDER BY id`,
    [world.customers.map((c) => c.id)]
  )
  return result.rows
}

/** A journal in the shape the API answers, for one the harness learned of only from the database. */
async function journalView(journalId: number) {
  const lines = await db.from('journal_lines').where('journal_id', journalId).orderBy('line_no')
  const journal = await db.from('journals').where('id', journalId).firstOrFail()
  return {
    id: journalId,
    customerId: journal.customer_id,
    currency: journal.currency,
    kind: journal.kind,
    memo: journal.memo,
    reason: journal.reason,
    balanceEffect: lines
      .filter((l: any) => l.account_code === '2203')
      .reduce((sum: Decimal, l: any) => sum.plus(l.credit).minus(l.debit), new Decimal(0))
      .toFixed(),
    lines: lines.map((l: any) => ({
      accountCode: l.account_code,
      baseCredit: l.base_credit,
      baseDebit: l.base_debit,
    })),
  }
}

/**
 * Resolves what the harness could not know (aborted requests, cut connections): a tag's journal
 * found once joins the model; an undecided approval's journal too.
 */
export async function resolveUnknowns(model: Model, world: World, checks: Checks) {
  const journals = await journalsOf(world)
  for (const tag of model.unknownTags) {
    const found = journals.filter((j) => j.tag === tag)
    checks.check(found.length <= 1, `unknown request ${tag} posted ${found.length} journals`)
    if (found.length === 1)
      model.journals.set(found[0].id, effectOfJournal(await journalView(found[0].id)))
  }
  for (const approvalId of model.unknownDecisions) {
    const row = await db.from('approval_requests').where('id', approvalId).first()
    if (row?.status === 'approved' && row.journal_id) {
      const id = Number(row.journal_id)
      if (!model.journals.has(id)) model.journals.set(id, effectOfJournal(await journalView(id)))
    }
  }
}

/** Every invariant of the issue, over the harness's customers and the whole ledger. */
export async function checkInvariants(model: Model, world: World, checks: Checks, baseUrl: string) {
  const ledger = await new LedgerQueries().verifyBalances()
  checks.check(
    ledger.customers.length === 0,
    `customer balances differ from lines: ${JSON.stringify(ledger.customers)}`
  )
  checks.check(
    ledger.projects.length === 0,
    `project balances differ from lines: ${JSON.stringify(ledger.projects)}`
  )
  checks.check(
    ledger.baseResidues.length === 0,
    `zero balances holding a base residue: ${JSON.stringify(ledger.baseResidues)}`
  )
  checks.check(
    ledger.monthlyBalances.length === 0,
    `monthly balances differ from lines: ${JSON.stringify(ledger.monthlyBalances)}`
  )
  checks.check(
    ledger.unbalancedJournals.length === 0,
    `unbalanced journals: ${JSON.stringify(ledger.unbalancedJournals)}`
  )

  const journals = await journalsOf(world)
  const byTag = new Map<string, DbJournal[]>()
  for (const j of journals) if (j.tag) byTag.set(j.tag, [...(byTag.get(j.tag) ?? []), j])
  // every acknowledged effect exists exactly once, and nothing exists the harness was not told of
  for (const effect of model.journals.values()) {
    const found = effect.tag ? (byTag.get(effect.tag) ?? []) : []
    checks.check(
      found.length === 1 && found[0].id === effect.journalId,
      `journal ${effect.journalId} (${effect.tag}) found ${found.length} times`
    )
  }
  for (const j of journals)
    checks.check(model.journals.has(j.id), `journal ${j.id} (${j.tag}) was never acknowledged`)
  // refused requests wrote nothing: no journal, and no approval request unless one was acknowledged
  for (const tag of model.refusedTags) {
    // refused on a retry while an earlier attempt's outcome was unknown: that one may have posted
    if (model.unknownTags.has(tag)) continue
    checks.check(!byTag.has(tag), `refused request ${tag} posted a journal`)
    if (model.requestedTags.has(tag)) continue
    const requests = await db.rawQuery(
      `SELECT count(*)::int AS n FROM approval_requests
        WHERE customer_id = ANY(?::bigint[]) AND (payload->>'memo' = ? OR payload->>'reason' = ?)`,
      [world.customers.map((c) => c.id), tag, tag]
    )
    checks.check(requests.rows[0].n === 0, `refused request ${tag} left an approval request`)
  }
  // each acknowledged keyed request is stored once, with the status it answered
  for (const keyed of model.keyed.filter((k) => k.answer)) {
    const rows = await db.rawQuery('SELECT status_code FROM idempotency_keys WHERE key = ?', [
      keyed.key,
    ])
    checks.check(
      rows.rows.length === 1 && rows.rows[0].status_code === keyed.answer!.status,
      `idempotency key ${keyed.key} stored ${rows.rows.length} times`
    )
  }
  await checkBalances(model, world, checks, baseUrl)
  const audit = await verifyAuditChains()
  checks.check(audit.valid, `audit chains broken: ${JSON.stringify(audit.firstBroken)}`)
}

/** Limits hold; pending equals open reservations; the model equals the API, in currency and base. */
async function checkBalances(model: Model, world: World, checks: Checks, baseUrl: string) {
  const expected = model.balances()
  const ids = world.customers.map((c) => c.id)
  const rows = await db.rawQuery(
    `SELECT b.customer_id::int, b.currency, b.balance, b.pending, c.credit_limit, c.default_currency,
            (SELECT coalesce(sum(reserved), 0) FROM approval_requests r
              WHERE r.customer_id = b.customer_id AND r.currency = b.currency AND r.status = 'pending') AS reserved,
            (SELECT coalesce(sum(base_credit - base_debit), 0) FROM journal_lines l
              WHERE l.customer_id = b.customer_id AND l.currency = b.currency) AS base
       FROM customer_balances b JOIN customers c ON c.id = b.customer_id
      WHERE b.customer_id = ANY(?::bigint[])`,
    [ids]
  )
  for (const row of rows.rows) {
    const limit =
      row.currency === row.default_currency ? new Decimal(row.credit_limit) : new Decimal(0)
    const headroom = new Decimal(row.balance).minus(row.pending).plus(limit)
    checks.check(
      headroom.gte(0),
      `customer ${row.customer_id} ${row.currency} below its limit: ${row.balance} − ${row.pending}`
    )
    checks.check(
      new Decimal(row.pending).eq(row.reserved),
      `customer ${row.customer_id} pending ${row.pending} ≠ reserved ${row.reserved}`
    )
    const modelled = expected.get(`${row.customer_id} ${row.currency}`)
    checks.check(
      new Decimal(row.base).eq(modelled?.base ?? 0),
      `customer ${row.customer_id} ${row.currency} base ${row.base} ≠ model ${modelled?.base}`
    )
  }
  const reader = world.actors.find((a) => a.role === 'auditor')!
  for (const customer of world.customers) {
    const response = await fetch(`${baseUrl}${route('customers.balances', { id: customer.id })}`, {
      headers: { authorization: `Bearer ${reader.token}` },
    })
    const body = (await response.json()) as {
      balances: Array<{ currency: string; balance: string }>
    }
    const api = new Map(body.balances.map((b) => [b.currency, new Decimal(b.balance)]))
    const currencies = new Set([...api.keys(), customer.currency])
    for (const currency of currencies) {
      const modelled = expected.get(`${customer.id} ${currency}`)?.amount ?? new Decimal(0)
      checks.check(
        (api.get(currency) ?? new Decimal(0)).eq(modelled),
        `customer ${customer.id} ${currency}: API ${api.get(currency)} ≠ model ${modelled}`
      )
    }
  }
}
