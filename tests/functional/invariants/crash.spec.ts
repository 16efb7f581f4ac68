import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'
import { freePort } from '#database/support/embedded_postgres'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { ServerProcess } from '#tests/support/server_process'
import { route } from '#tests/support/route'

interface Posting {
  tag: string
  key: string | null
  body: string
  /** the journal id the server acknowledged (201), or null when no answer came */
  journalId: number | null
}

/** Posts receipts from `clients` concurrent clients until `stop()` says so. */
function load(url: string, token: string, customerIds: number[], clients: number) {
  const postings: Posting[] = []
  let stopped = false
  let serial = 0
  const client = async (index: number) => {
    while (!stopped) {
      const tag = `crash-${Date.now()}-${index}-${++serial}`
      const body = JSON.stringify({
        customerId: customerIds[serial % customerIds.length],
        amount: `${(serial % 97) + 1}.25`,
        currency: 'CNY',
        channel: 'bank_transfer',
        entryDate: '2004-03-15',
        memo: tag,
      })
      // half with an Idempotency-Key (a transaction), half without (one statement)
      const posting: Posting = { tag, key: serial % 2 ? `key-${tag}` : null, body, journalId: null }
      postings.push(posting)
      posting.journalId = await send(url, token, posting)
    }
  }
  const running = Promise.all(Array.from({ length: clients }, (_, i) => client(i)))
  return {
    postings,
    acknowledged: () => postings.filter((p) => p.journalId !== null).length,
    stop: async () => {
      stopped = true
      await running
    },
  }
}

async function send(url: string, token: string, posting: Posting): Promise<number | null> {
  try {
    const response = await fetch(`${url}${route('receipts.store')}`, {
      method: 'POST',
      headers: {
        'authorization': `Bearer ${token}`,
        'content-type': 'application/json',
        ...(posting.key ? { 'idempotency-key': posting.key } : {}),
      },
      body: posting.body,
    })
    const answer = (await response.json()) as { id?: number }
    return response.status === 201 ? Number(answer.id) : null
  } catch {
    return null // the server died under the request
  }
}

test.group('Invariants: kill -9 of the server under load', () => {
  test('nothing acknowledged is lost, nothing is half-written, keyed retries post once', async ({
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customers = [await makeCustomer(), await makeCustomer(), await makeCustomer()]
    const server = new ServerProcess(await freePort())
    try {
      await server.start()
      const traffic = load(
        server.url,
        token,
        customers.map((c) => c.id),
        8
      )
      const started = Date.now()
      while (traffic.acknowledged() < 60 && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      await server.kill('SIGKILL')
      await traffic.stop()
      const { postings } = traffic
      const acknowledged = postings.filter((p) => p.journalId !== null)
      assert.isAtLeast(acknowledged.length, 60)
      assert.isAbove(postings.length, acknowledged.length, 'some requests were cut by the kill')

      await server.start()
      // A client retries what got no answer with its key: a replay if it committed, else posted now.
      for (const posting of postings.filter((p) => p.journalId === null && p.key)) {
        posting.journalId = await send(server.url, token, posting)
        assert.isNotNull(posting.journalId, `retry of ${posting.tag}`)
      }

      const rows = await db
        .from('journals')
        .whereIn(
          'customer_id',
          customers.map((c) => c.id)
        )
        .select('id', 'memo')
      const byTag = new Map<string, number[]>()
      for (const row of rows) byTag.set(row.memo, [...(byTag.get(row.memo) ?? []), Number(row.id)])
      for (const posting of postings) {
        const found = byTag.get(posting.tag) ?? []
        if (posting.journalId !== null) {
          assert.deepEqual(found, [posting.journalId], `acknowledged ${posting.tag}`)
        } else {
          assert.isAtMost(found.length, 1, `unanswered ${posting.tag}`)
        }
      }
      assert.equal(rows.length, byTag.size, 'no journal without its request')
      const ledger = await new LedgerQueries().verifyBalances()
      assert.deepEqual(ledger, {
        customers: [],
        projects: [],
        baseResidues: [],
        monthlyBalances: [],
        unbalancedJournals: [],
      })
      const lines = await db.rawQuery(
        `SELECT count(*)::int AS n FROM journals j
          WHERE j.customer_id = ANY(?::bigint[])
            AND (SELECT count(*) FROM journal_lines l WHERE l.journal_id = j.id) <> 2`,
        [customers.map((c) => c.id)]
      )
      assert.equal(lines.rows[0].n, 0, 'every journal has its two lines')
      const audit = await verifyAuditChains()
      assert.isTrue(audit.valid, JSON.stringify(audit.firstBroken))
      console.log(
        `crash test: ${postings.length} sent, ${acknowledged.length} acknowledged before kill -9, ` +
          `${postings.filter((p) => p.key && p.journalId !== null).length} keyed now posted`
      )
    } finally {
      await server.kill('SIGTERM')
    }
  }).timeout(300_000)
})
