import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser, unique } from '#tests/support/fixtures'
import { getAs, postAs, expectStatus } from '#tests/support/api'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { AUDIT_CHAINS, rowHashV1 } from '#modules/audit/hash_chain'
import { systemActor } from '#modules/shared/actor'
import { runInTransaction } from '#modules/shared/unit_of_work'

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
    const created = await postAs(client, token, '/api/v1/customers', {
      code: unique('AUD'),
      name: '审计客户',
      defaultCurrency: 'CNY',
      creditLimit: '1000.00',
    })
    created.assertStatus(201)
    const customerId = created.body().id
    await expectStatus(
      client
        .patch(`/api/v1/customers/${customerId}`)
        .bearerToken(token)
        .json({ name: '审计客户（更名）' }),
      200
    )
    const project = await postAs(client, token, `/api/v1/customers/${customerId}/projects`, {
      code: 'P1',
      name: '项目一',
    })
    project.assertStatus(201)
    const receipt = await postAs(client, token, '/api/v1/receipts', {
      customerId,
      amount: '300.00',
      currency: 'CNY',
      channel: 'cash',
    })
    const application = await postAs(client, token, '/api/v1/applications', {
      customerId,
      amount: '100.00',
      currency: 'CNY',
      documentType: 'invoice',
      documentNo: 'FP-A',
    })
    const refund = await postAs(client, token, '/api/v1/refunds', {
      customerId,
      amount: '50.00',
      currency: 'CNY',
    })
    const adjustment = await postAs(client, token, '/api/v1/adjustments', {
      customerId,
      amount: '-5.00',
      currency: 'CNY',
      reason: '尾差',
    })
    const reversal = await postAs(
      client,
      token,
      `/api/v1/journals/${application.body().id}/reverse`,
      { reason: '开错发票' }
    )
    await expectStatus(postAs(client, token, '/api/v1/periods/2022-03/close', {}), 200)
    await expectStatus(
      postAs(client, token, '/api/v1/exchange-rates', {
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
    for (const [row, response] of [
      [mine[3], receipt],
      [mine[5], refund],
      [mine[6], adjustment],
      [mine[7], reversal],
    ] as const) {
      assert.equal(row.entity_id, String(response.body().id))
      assert.deepEqual(row.after, response.body())
    }
  })

  test('a refused request leaves no audit row', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const mark = await lastAuditId()
    await expectStatus(
      postAs(client, token, '/api/v1/refunds', {
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
    const receipt = await postAs(client, clerk.token, '/api/v1/receipts', {
      customerId: customer.id,
      amount: '9.00',
      currency: 'CNY',
      channel: 'cash',
    })
    const list = await getAs(
      client,
      auditor.token,
      `/api/v1/audit-logs?entityType=journal&entityId=${receipt.body().id}`
    )
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 1)
    assert.equal(list.body().data[0].action, 'post_receipt')
    assert.equal(list.body().data[0].actorId, clerk.user.id)
    await expectStatus(getAs(client, clerk.token, '/api/v1/audit-logs'), 403)
  })
})

test.group('Audit log: tamper evidence', () => {
  test('concurrent writers keep every chain valid', async ({ client, assert }) => {
    const { token } = await makeUser('finance')
    const customers = await Promise.all(Array.from({ length: 8 }, () => makeCustomer()))
    await Promise.all(
      customers.flatMap((c) =>
        Array.from({ length: 5 }, () =>
          postAs(client, token, '/api/v1/receipts', {
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

  test('appends stay chained when other processes move the heads or a transaction rolls back', async ({
    assert,
  }) => {
    // This process learns heads as it commits; then every head moves under it…
    for (let i = 0; i < AUDIT_CHAINS; i++) await auditedWork('learn')
    for (let chain = 0; chain < AUDIT_CHAINS; chain++) await appendFromElsewhere(chain)
    await auditedWork('after-elsewhere')
    // …and appends whose transaction rolls back leave the heads it knows as they were.
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

  test('a row edited in SQL behind the trigger is reported by verify', async ({
    client,
    assert,
  }) => {
    const auditor = await makeUser('auditor')
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const receipt = await postAs(client, token, '/api/v1/receipts', {
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
      const verify = await getAs(client, auditor.token, '/api/v1/audit/verify')
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
