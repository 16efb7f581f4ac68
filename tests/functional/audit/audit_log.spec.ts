import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { outboxSettled } from '#tests/support/outbox'
import { getAs, postAs, expectStatus, submitAndApprove } from '#tests/support/api'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { AUDIT_USER_AGENT_SQL } from '#modules/audit/services/audit_queries'
import { AUDIT_CHAINS, GENESIS_HASH, rowHashV1, rowHashV2 } from '#modules/audit/hash_chain'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { route } from '#tests/support/route'

/** Appends one row to `chain` as a writer before hash version 2 did (Node hashed, version 1). */
async function appendFromElsewhere(chain: number) {
  await db.transaction(async (trx) => {
    const head = await trx.from('audit_chain_heads').where('chain', chain).forUpdate().firstOrFail()
    const fields = {
      chain,
      seq: Number(head.seq) + 1,
      occurredAt: new Date().toISOString(),
      actorId: null,
      actorRole: 'system',
      ip: 'elsewhere',
      userAgent: null,
      requestId: null,
      entityType: 'test',
      entityId: null,
      action: 'elsewhere',
      before: null,
      after: null,
    }
    const hash = rowHashV1(head.hash, fields)
    await trx.table('audit_logs').insert({
      chain,
      seq: fields.seq,
      prev_hash: head.hash,
      hash,
      hash_version: 1,
      occurred_at: fields.occurredAt,
      actor_role: 'system',
      ip: 'elsewhere',
      entity_type: 'test',
      action: 'elsewhere',
    })
    await trx.from('audit_chain_heads').where('chain', chain).update({ seq: fields.seq, hash })
  })
}

/** One audited unit of work; `fail` makes it roll back after its audit rows were appended. */
function auditedWork(action: string, fail = false) {
  return runInTransaction(systemActor('test'), async (uow) => {
    uow.audit({ entityType: 'test', entityId: null, action })
    if (fail) {
      // Unbalanced on purpose: refused at COMMIT, after the append.
      await uow.trx.rawQuery(
        `INSERT INTO journal_lines (journal_id, line_no, account_code, currency, debit, credit,
                base_debit, base_credit, entry_date)
         SELECT id, 99, '1001', currency, 1, 0, 1, 0, entry_date FROM journals j
          WHERE NOT EXISTS (SELECT 1 FROM accounting_periods p
                             WHERE p.period = to_char(j.entry_date, 'YYYY-MM') AND p.status = 'closed')
          ORDER BY id DESC LIMIT 1`
      )
    }
  })
}

async function auditRowsSince(id: number) {
  return db.from('audit_logs').where('id', '>', id).orderBy('id')
}

async function lastAuditId() {
  const row = await db.from('audit_logs').max('id as id').first()
  return Number(row.id ?? 0)
}

test.group('Audit log: one row per state change, in the same transaction', () => {
  test('every mutation writes exactly one row with actor, request and before/after', async ({
    client,
    assert,
  }) => {
    const { user, token } = await makeUser('finance_manager')
    const mark = await lastAuditId()
    const created = await postAs(client, token, route('customers.store'), {
      code: unique('AUD'),
      name: '审计客户',
      defaultCurrency: 'CNY',
    })
    created.assertStatus(201)
    const customerId = created.body().id
    await expectStatus(
      client
        .patch(route('customers.update', { id: customerId }))
        .bearerToken(token)
        .json({ name: '审计客户（更名）' }),
      200
    )
    const project = await postAs(
      client,
      token,
      route('customers.projects.store', { id: customerId }),
      {
        code: 'P1',
        name: '项目一',
      }
    )
    project.assertStatus(201)
    const receipt = await postAs(client, token, route('receipts.store'), {
      customerId,
      amount: '300.00',
      currency: 'CNY',
      channel: 'cash',
    })
    const application = await postAs(client, token, route('applications.store'), {
      customerId,
      amount: '100.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: 'FP-A',
    })
    const refund = await postAs(client, token, route('refunds.store'), {
      customerId,
      amount: '50.00',
      currency: 'CNY',
    })
    const adjustment = await postAs(client, token, route('adjustments.store'), {
      customerId,
      amount: '-5.00',
      currency: 'CNY',
      reason: '尾差',
    })
    const reversal = await postAs(
      client,
      token,
      route('journals.reverse', { id: application.body().id }),
      { reason: '开错发票' }
    )
    await expectStatus(
      postAs(client, token, route('periods.close', { period: '2022-03' }), {}),
      200
    )
    await expectStatus(
      postAs(client, token, route('exchange_rates.store'), {
        currency: 'EUR',
        rateDate: '2022-03-01',
        rate: '7.5',
      }),
      201
    )

    const rows = await auditRowsSince(mark)
    const mine = rows.filter((r) => Number(r.actor_id) === user.id)
    assert.deepEqual(
      mine.map((r) => [r.entity_type, r.action]),
      [
        ['customer', 'create'],
        ['customer', 'update'],
        ['project', 'create'],
        ['journal', 'post_receipt'],
        ['journal', 'post_application'],
        ['approval_request', 'request'],
        ['approval_request', 'request'],
        ['approval_request', 'request'],
        ['accounting_period', 'close'],
        ['exchange_rate', 'create'],
      ]
    )
    const update = mine[1]
    assert.equal(update.before.name, '审计客户')
    assert.equal(update.after.name, '审计客户（更名）')
    assert.equal(update.actor_role, 'finance_manager')
    assert.equal(update.ip, '127.0.0.1')
    assert.isString(update.request_id)
    // A posting's row keeps references, the amount, the date and the journal's digest (0280).
    const journal = receipt.body()
    assert.equal(mine[3].entity_id, String(journal.id))
    const digest = await db.rawQuery('SELECT journal_content_digest(?) AS d', [journal.id])
    assert.deepEqual(mine[3].after, {
      customerId: journal.customerId,
      currency: 'CNY',
      amount: '300',
      entryDate: journal.entryDate,
      digest: digest.rows[0].d,
    })
    assert.match(mine[3].after.digest, /^[A-Za-z0-9+/]{43}=$/)
    for (const [row, response] of [
      [mine[5], refund],
      [mine[6], adjustment],
      [mine[7], reversal],
    ] as const) {
      assert.equal(row.entity_id, String(response.body().id))
      assert.deepEqual(row.after, response.body())
    }
  })

  test('a receipt, its balance and its audit row are written by one transaction', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const receipt = await postAs(client, token, route('receipts.store'), {
      customerId: customer.id,
      amount: '12.00',
      currency: 'CNY',
      channel: 'cash',
    })
    receipt.assertStatus(201)
    const journalId = receipt.body().id
    const { rows } = await db.rawQuery(
      `SELECT (SELECT xmin::text FROM journals WHERE id = :id) AS journal,
              (SELECT string_agg(DISTINCT xmin::text, ',') FROM journal_lines WHERE journal_id = :id) AS lines,
              (SELECT xmin::text FROM customer_balances WHERE customer_id = :customer) AS balance,
              (SELECT xmin::text FROM audit_logs WHERE entity_type = 'journal' AND entity_id = :id::text) AS audit,
              (SELECT hash_version FROM audit_logs WHERE entity_type = 'journal' AND entity_id = :id::text) AS version`,
      { id: journalId, customer: customer.id }
    )
    const [written] = rows
    assert.equal(written.lines, written.journal)
    assert.equal(written.balance, written.journal)
    assert.equal(written.audit, written.journal)
    assert.equal(written.version, 2)
  })

  test('the rows of one transaction sit on one chain, in the order they were written', async ({
    client,
    assert,
  }) => {
    const clerk = await makeUser('finance')
    const manager = await makeUser('finance_manager')
    const customer = await makeCustomer()
    await expectStatus(
      postAs(client, clerk.token, route('receipts.store'), {
        customerId: customer.id,
        amount: '80.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const mark = await lastAuditId()
    const approved = await submitAndApprove(
      client,
      clerk.token,
      manager.token,
      route('refunds.store'),
      {
        customerId: customer.id,
        amount: '30.00',
        currency: 'CNY',
      }
    )
    const written = await auditRowsSince(mark)
    const decision = written.filter((row) => Number(row.actor_id) === manager.user.id)
    // The refund posts (its journal's row), then the request is closed as approved.
    assert.deepEqual(
      decision.map((row) => [row.entity_type, row.action]),
      [
        ['journal', 'post_refund'],
        ['approval_request', 'approve'],
      ]
    )
    assert.equal(decision[0].entity_id, String(approved.result.id))
    assert.equal(decision[1].chain, decision[0].chain)
    assert.equal(Number(decision[1].seq), Number(decision[0].seq) + 1)
    // prev_hash is not stored since 0280: the row's hash chains on from the row before
    assert.isNull(decision[1].prev_hash)
    const linked = await db.rawQuery(
      `SELECT audit_row_hash(?, chain, seq, occurred_at, actor_id, actor_role, ip,
                             ${AUDIT_USER_AGENT_SQL}, request_id, entity_type, entity_id, action,
                             before, after) AS hash
         FROM audit_logs WHERE id = ?`,
      [decision[0].hash, decision[1].id]
    )
    assert.equal(linked.rows[0].hash, decision[1].hash)
  })

  test("a client's short request id is kept on the audit row; an overlong or odd one is replaced", async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const post = (requestId: string) =>
      expectStatus(
        postAs(client, token, route('receipts.store'), {
          customerId: customer.id,
          amount: '1.00',
          currency: 'CNY',
          channel: 'cash',
        }).header('X-Request-Id', requestId),
        201
      )
    const stored = async (journalId: number) => {
      const row = await db
        .from('audit_logs')
        .where({ entity_type: 'journal', entity_id: String(journalId) })
        .first()
      return row.request_id
    }
    const kept = await post('erp-batch.2026-11:0042')
    assert.equal(kept.header('x-request-id'), 'erp-batch.2026-11:0042')
    assert.equal(await stored(kept.body().id), 'erp-batch.2026-11:0042')
    // The audit log keeps 64 characters: a longer id was a failed posting (500) before.
    for (const given of ['x'.repeat(65), 'two words', '<script>']) {
      const replaced = await post(given)
      const id = replaced.header('x-request-id') ?? ''
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      assert.equal(await stored(replaced.body().id), id)
    }
  })

  test('a refused request leaves no audit row', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    // earlier tests' postings may still raise alerts (audited) from the outbox: let them land first
    await outboxSettled()
    const mark = await lastAuditId()
    await expectStatus(
      postAs(client, token, route('refunds.store'), {
        customerId: customer.id,
        amount: '5.00',
        currency: 'CNY',
      }),
      409
    )
    assert.lengthOf(await auditRowsSince(mark), 0)
  })

  test('the log is append-only in the database', async ({ assert }) => {
    await assert.rejects(
      () =>
        db.rawQuery(
          'UPDATE audit_logs SET action = action WHERE id = (SELECT min(id) FROM audit_logs)'
        ),
      /append-only/
    )
    await assert.rejects(
      () => db.rawQuery('DELETE FROM audit_logs WHERE id = (SELECT min(id) FROM audit_logs)'),
      /append-only/
    )
    await assert.rejects(() => db.rawQuery('TRUNCATE audit_logs'), /append-only/)
  })

  test('auditors filter the log by entity; others may not read it', async ({ client, assert }) => {
    const auditor = await makeUser('auditor')
    const clerk = await makeUser('finance')
    const customer = await makeCustomer()
    const receipt = await postAs(client, clerk.token, route('receipts.store'), {
      customerId: customer.id,
      amount: '9.00',
      currency: 'CNY',
      channel: 'cash',
    })
    const list = await getAs(
      client,
      auditor.token,
      `${route('audit_logs.index')}?entityType=journal&entityId=${receipt.body().id}`
    )
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 1)
    assert.equal(list.body().data[0].action, 'post_receipt')
    assert.equal(list.body().data[0].actorId, clerk.user.id)
    await expectStatus(getAs(client, clerk.token, route('audit_logs.index')), 403)
  })
})

test.group('Audit log: tamper evidence', () => {
  test('concurrent writers keep every chain valid', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customers = await Promise.all(Array.from({ length: 8 }, () => makeCustomer()))
    await Promise.all(
      customers.flatMap((c) =>
        Array.from({ length: 5 }, () =>
          postAs(client, token, route('receipts.store'), {
            customerId: c.id,
            amount: '1.00',
            currency: 'CNY',
            channel: 'cash',
          })
        )
      )
    )
    const report = await verifyAuditChains()
    assert.isTrue(report.valid)
    assert.isNull(report.firstBroken)
  })

  test('chains verify across hash versions, other writers and rolled-back appends', async ({
    assert,
  }) => {
    // Version 2 rows, then a version 1 row on every chain (as written before the upgrade)…
    for (let i = 0; i < AUDIT_CHAINS; i++) await auditedWork('learn')
    for (let chain = 0; chain < AUDIT_CHAINS; chain++) await appendFromElsewhere(chain)
    await auditedWork('after-elsewhere')
    // …and an append whose transaction rolls back leaves its chain's head as it was.
    await assert.rejects(() => auditedWork('rolled-back', true), /not balanced/)
    await auditedWork('after-rollback')

    const actions = await db
      .from('audit_logs')
      .whereIn('action', ['after-elsewhere', 'rolled-back', 'after-rollback'])
      .select('action')
    assert.sameMembers(
      actions.map((row) => row.action),
      ['after-elsewhere', 'after-rollback']
    )
    const report = await verifyAuditChains()
    assert.isTrue(report.valid)
    assert.isNull(report.firstBroken)
  })

  test('the database hashes version 2 exactly as the verifier recomputes it', async ({
    assert,
  }) => {
    // Text the two could escape differently: quotes, backslashes, control characters, CJK and
    // emoji, numbers with trailing zeros, nested JSON, nulls.
    const awkward = {
      prev: 'a'.repeat(64),
      userAgent: 'Mozilla/5.0 "quoted" \\back\\slash\ttab\nline\u0001\u001f end',
      requestId: null,
      entityId: '客户-🧾-42',
      before: null,
      after: {
        amount: 1.5,
        exact: '1.50',
        nested: { list: [1, 'two', null, { 三: true }], empty: {} },
        text: '华东机械 "HT-2026-017"\n',
      },
    }
    const { rows } = await db.rawQuery(
      `SELECT audit_row_hash(:prev, 7::smallint, 123456789012::bigint, t, 42, 'finance', '::1',
                             :ua, :requestId, 'journal', :entityId, 'post_receipt', NULL, :after::jsonb) AS hash,
              to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
              :after::jsonb::text AS after_text
         FROM (SELECT '2026-11-30 16:00:00.123456+00'::timestamptz AS t) instant`,
      {
        prev: awkward.prev,
        ua: awkward.userAgent,
        requestId: awkward.requestId,
        entityId: awkward.entityId,
        after: JSON.stringify(awkward.after),
      }
    )
    const [computed] = rows
    assert.equal(computed.occurred_at, '2026-11-30T16:00:00.123456Z')
    const recomputed = rowHashV2(awkward.prev, {
      chain: 7,
      seq: '123456789012',
      occurredAt: computed.occurred_at,
      actorId: '42',
      actorRole: 'finance',
      ip: '::1',
      userAgent: awkward.userAgent,
      requestId: awkward.requestId,
      entityType: 'journal',
      entityId: awkward.entityId,
      action: 'post_receipt',
      before: null,
      after: computed.after_text,
    })
    assert.equal(recomputed, computed.hash)
    assert.notEqual(recomputed, GENESIS_HASH)
  })

  test('a row edited in SQL behind the trigger is reported by verify', async ({
    client,
    assert,
  }) => {
    const auditor = await makeUser('auditor')
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const receipt = await postAs(client, token, route('receipts.store'), {
      customerId: customer.id,
      amount: '1000.00',
      currency: 'CNY',
      channel: 'cash',
    })
    const row = await db
      .from('audit_logs')
      .where({ entity_type: 'journal', entity_id: String(receipt.body().id) })
      .first()
    const tampered = { ...row.after, amount: '10.00' }
    await db.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only')
    try {
      await db.rawQuery('UPDATE audit_logs SET after = ? WHERE id = ?', [
        JSON.stringify(tampered),
        row.id,
      ])
      const verify = await getAs(client, auditor.token, route('audit.verify'))
      verify.assertStatus(200)
      assert.isFalse(verify.body().valid)
      assert.equal(verify.body().firstBroken.id, row.id)
      assert.equal(verify.body().firstBroken.reason, 'hash_mismatch')
    } finally {
      await db.rawQuery('UPDATE audit_logs SET after = ? WHERE id = ?', [
        JSON.stringify(row.after),
        row.id,
      ])
      await db.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only')
    }
    const after = await verifyAuditChains()
    assert.isTrue(after.valid)
  })
})
