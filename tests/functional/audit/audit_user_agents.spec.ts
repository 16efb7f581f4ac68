import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { getAs, postAs, expectStatus } from '#tests/support/api'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { route } from '#tests/support/route'

/*
| Migration 0310: each distinct user agent is stored once (audit_user_agents); an audit row carries
| its id, its hash still covers the text. Older rows keep the text inline and verify unchanged.
*/

/** Runs `sql` with the triggers off (the dictionary's append-only guard), as a tamperer would. */
async function behindTheTriggers(sql: string, bindings: unknown[]) {
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    await trx.rawQuery(sql, bindings as any)
  })
}

/** A receipt posted through the API from a browser sending `agent`; its audit row. */
async function receiptFrom(client: any, token: string, agent: string) {
  const customer = await makeCustomer()
  const receipt = await expectStatus(
    postAs(client, token, route('receipts.store'), {
      customerId: customer.id,
      amount: '250.00',
      currency: 'CNY',
      channel: 'cash',
    }).header('User-Agent', agent),
    201
  )
  return db
    .from('audit_logs')
    .where({ entity_type: 'journal', entity_id: String(receipt.body().id) })
    .firstOrFail()
}

/** Appends one row the way audit_append did before 0310: the user agent's text in the row. */
async function appendInline(agent: string) {
  return db.transaction(async (trx) => {
    const head = await trx.from('audit_chain_heads').where('chain', 3).forUpdate().firstOrFail()
    const seq = Number(head.seq) + 1
    const inserted = await trx.rawQuery(
      `INSERT INTO audit_logs (chain, seq, hash, hash_version, occurred_at, actor_role, user_agent,
                               entity_type, entity_id, action)
       SELECT 3, :seq, audit_row_hash(:prev, 3::smallint, :seq, t.at_, NULL, 'system', NULL,
                                      :agent, NULL, 'test', 'inline', 'before_0310', NULL, NULL),
              2, t.at_, 'system', :agent, 'test', 'inline', 'before_0310'
         FROM clock_timestamp() AS t(at_) RETURNING id, hash`,
      { seq, prev: head.hash, agent }
    )
    const row = inserted.rows[0]
    await trx.from('audit_chain_heads').where('chain', 3).update({ seq, hash: row.hash })
    return Number(row.id)
  })
}

test.group('Audit log: user agents stored once', () => {
  test('rows from one browser share one entry; the dictionary refuses changes', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const agent = `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 ${unique('ua')}`
    const first = await receiptFrom(client, token, agent)
    const second = await receiptFrom(client, token, agent)
    assert.isNull(first.user_agent)
    assert.isNotNull(first.user_agent_id)
    assert.equal(second.user_agent_id, first.user_agent_id)
    const entries = await db.from('audit_user_agents').where('user_agent', agent)
    assert.lengthOf(entries, 1)
    const refused = await db
      .rawQuery('UPDATE audit_user_agents SET user_agent = ? WHERE id = ?', ['x', entries[0].id])
      .then(() => null)
      .catch((error) => error)
    assert.equal(refused?.code, 'ALI02')
  })

  test('an agent changed in the dictionary fails verify, naming the row', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const auditor = await makeUser('auditor')
    const agent = `Mozilla/5.0 (Macintosh) Safari/605.1.15 ${unique('ua')}`
    const first = await receiptFrom(client, token, agent)
    const change = 'UPDATE audit_user_agents SET user_agent = ? WHERE id = ?'
    await behindTheTriggers(change, ['curl/8.5.0', first.user_agent_id])
    try {
      const verify = await getAs(client, auditor.token, route('audit.verify'))
      verify.assertStatus(200)
      assert.isFalse(verify.body().valid)
      assert.deepInclude(verify.body().firstBroken, {
        id: Number(first.id),
        reason: 'hash_mismatch',
      })
      const full = await verifyAuditChains({ mode: 'full' })
      assert.deepInclude(full.firstBroken, { id: Number(first.id), reason: 'hash_mismatch' })
    } finally {
      await behindTheTriggers(change, [agent, first.user_agent_id])
    }
    const after = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(after.valid)
  })

  test('two transactions adding the same new agent get one entry', async ({ assert }) => {
    const agent = `Mozilla/5.0 (iPhone) Mobile/15E148 ${unique('ua')}`
    const call = 'SELECT audit_user_agent_id(?) AS id'
    const firstTrx = await db.transaction()
    const secondTrx = await db.transaction()
    try {
      const added = await firstTrx.rawQuery(call, [agent])
      const firstId = added.rows[0].id
      // the second meets the first's uncommitted key and waits for it
      // (then: a query builder runs when asked for its result)
      const pending = secondTrx.rawQuery(call, [agent]).then((result) => result.rows[0].id)
      await waitForLockWait(agent)
      await firstTrx.commit()
      const secondId = await pending
      await secondTrx.commit()
      assert.equal(secondId, firstId)
    } finally {
      if (!firstTrx.isCompleted) await firstTrx.rollback()
      if (!secondTrx.isCompleted) await secondTrx.rollback()
    }
    const entries = await db.from('audit_user_agents').where('user_agent', agent)
    assert.lengthOf(entries, 1)
  })

  test('older rows keep their text and verify; an overlong agent stays inline', async ({
    client,
    assert,
  }) => {
    const agent = `Mozilla/4.0 (compatible; MSIE 8.0) ${unique('ua')}`
    const oldId = await appendInline(agent)
    const auditor = await makeUser('auditor')
    const listed = await getAs(
      client,
      auditor.token,
      `${route('audit_logs.index')}?entityType=test&entityId=inline&limit=1`
    )
    assert.equal(Number(listed.body().data[0].id), oldId)
    assert.equal(listed.body().data[0].userAgent, agent)
    const verified = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(verified.valid)

    const { token } = await makeUser('finance')
    const long = `Mozilla/5.0 ${'x'.repeat(600)}`
    const row = await receiptFrom(client, token, long)
    assert.equal(row.user_agent, long)
    assert.isNull(row.user_agent_id)
    const reverified = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(reverified.valid)
  })

  test('once every smallint id is taken, a new agent stays inline and the append succeeds', async ({
    assert,
  }) => {
    const sequence = `'audit_user_agents_id_seq'`
    const saved = await db.rawQuery(`SELECT last_value, is_called FROM audit_user_agents_id_seq`)
    const { last_value: lastValue, is_called: isCalled } = saved.rows[0]
    const agent = `Mozilla/5.0 (Full) ${unique('ua')}`
    try {
      // setval is not transactional: the position is put back below
      await db.rawQuery(`SELECT setval(${sequence}, 32767)`)
      const appended = await db.transaction(async (trx) => {
        await trx.rawQuery(
          `SELECT audit_append(NULL, 'system', NULL, ?, NULL,
             '[{"entityType": "test", "entityId": "full", "action": "dictionary_full"}]'::jsonb)`,
          [agent]
        )
        return trx.from('audit_logs').where({ entity_id: 'full' }).orderBy('id', 'desc').first()
      })
      assert.equal(appended.user_agent, agent)
      assert.isNull(appended.user_agent_id)
    } finally {
      await db.rawQuery(`SELECT setval(${sequence}, ?, ?)`, [lastValue, isCalled])
    }
    const verified = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(verified.valid)
  })
})

/** Until a backend waits on a lock while adding `agent` (bounded: fails rather than hangs). */
async function waitForLockWait(agent: string) {
  for (let i = 0; i < 400; i++) {
    const waiting = await db.rawQuery(
      `SELECT count(*)::int AS n FROM pg_locks l
         JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database() AND a.query LIKE ?`,
      ['%audit_user_agent_id%']
    )
    if (waiting.rows[0].n > 0) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`no transaction waited to add ${agent}`)
}
