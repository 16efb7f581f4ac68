import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeUser } from '#tests/support/fixtures'
import { getAs, postAs } from '#tests/support/api'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { workNextRun } from '#modules/audit/services/verify_runs'
import { systemActor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'

/** n audited no-op units, spread over the chains as real writers are */
async function auditedWork(n: number, action = 'checkpoint-test') {
  for (let i = 0; i < n; i++)
    await runInTransaction(systemActor('test'), async (uow) => {
      uow.audit({ entityType: 'test', entityId: String(i), action, after: { i } })
    })
}

async function withTamper(sql: string, bindings: unknown[], work: () => Promise<void>) {
  await db.rawQuery('ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_append_only')
  try {
    await db.rawQuery(sql, bindings)
    await work()
  } finally {
    await db.rawQuery('ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_append_only')
  }
}

test.group('Audit verification from signed checkpoints', () => {
  test('an incremental verify reads only what was written since the last one', async ({
    assert,
  }) => {
    await auditedWork(20)
    const full = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(full.valid)
    const total = await db.from('audit_logs').count('* as n').first()
    assert.equal(full.rowsChecked, Number(total.n))

    await auditedWork(7)
    const incremental = await verifyAuditChains({ mode: 'incremental' })
    assert.isTrue(incremental.valid)
    assert.equal(incremental.rowsChecked, 7)
    assert.isAbove(incremental.fromCheckpoint, 0)
    const again = await verifyAuditChains({ mode: 'incremental' })
    assert.equal(again.rowsChecked, 0)
  })

  test('a checkpoint without this key’s signature is ignored: its chain is read from the genesis', async ({
    assert,
  }) => {
    await auditedWork(3)
    await verifyAuditChains({ mode: 'full' })
    const head = await db.from('audit_chain_heads').where('seq', '>', 0).orderBy('chain').first()
    // a forged checkpoint far ahead: honoured, it would make the verifier skip the chain
    await db.table('audit_checkpoints').insert({
      chain: head.chain,
      seq: Number(head.seq) + 1000,
      hash: 'f'.repeat(64),
      audit_log_id: 0,
      mac: '0'.repeat(64),
    })
    const report = await verifyAuditChains({ mode: 'incremental' })
    assert.isTrue(report.valid)
    assert.equal(report.fromCheckpoint, 15, 'every chain but the forged one from its checkpoint')
    const [{ n }] = await db.from('audit_logs').where('chain', head.chain).count('* as n')
    assert.isAtLeast(report.rowsChecked, Number(n))
  })

  test('a checkpointed row rewritten behind the trigger is reported', async ({ assert }) => {
    await auditedWork(3)
    await verifyAuditChains({ mode: 'full' })
    const point = await db.from('audit_checkpoints').orderBy('verified_at', 'desc').first()
    const row = await db.from('audit_logs').where({ chain: point.chain, seq: point.seq }).first()
    await withTamper(
      'UPDATE audit_logs SET hash = ? WHERE id = ?',
      ['e'.repeat(64), row.id],
      async () => {
        const report = await verifyAuditChains({ mode: 'incremental' })
        assert.isFalse(report.valid)
        assert.deepInclude(report.firstBroken!, {
          chain: point.chain,
          reason: 'checkpoint_mismatch',
        })
      }
    ).finally(() =>
      withTamper('UPDATE audit_logs SET hash = ? WHERE id = ?', [row.hash, row.id], async () => {})
    )
  })
})

test.group('Audit verification runs (full, as a job)', () => {
  test('requested through the API, carried out by a worker, with its result and progress', async ({
    client,
    assert,
  }) => {
    const auditor = await makeUser('auditor')
    await auditedWork(5)
    while (await workNextRun()) {}
    const requested = await postAs(client, auditor.token, '/api/v1/audit/verify-runs', {})
    requested.assertStatus(202)
    assert.equal(requested.body().status, 'queued')
    const twice = await postAs(client, auditor.token, '/api/v1/audit/verify-runs', {})
    assert.equal(twice.body().id, requested.body().id, 'one open run at a time')

    assert.isTrue(await workNextRun())
    const run = await getAs(
      client,
      auditor.token,
      `/api/v1/audit/verify-runs/${requested.body().id}`
    )
    run.assertStatus(200)
    const total = await db.from('audit_logs').count('* as n').first()
    assert.include(run.body(), { status: 'done', valid: true, mode: 'full' })
    assert.isAtLeast(run.body().rowsChecked, Number(total.n) - 1)
    const audited = await db
      .from('audit_logs')
      .where({
        entity_type: 'audit_verify_run',
        entity_id: String(requested.body().id),
        action: 'verify',
      })
      .first()
    assert.equal(audited.after.valid, true)

    const verify = await getAs(client, auditor.token, '/api/v1/audit/verify')
    verify.assertStatus(200)
    assert.equal(verify.body().mode, 'incremental')
    assert.equal(verify.body().latestFullRun.id, requested.body().id)
  })

  test('a full run finds an old row edited behind the trigger', async ({ client, assert }) => {
    const auditor = await makeUser('auditor')
    await auditedWork(3, 'old-row')
    const old = await db.from('audit_logs').where('action', 'old-row').orderBy('id').first()
    await verifyAuditChains({ mode: 'full' })
    await withTamper(
      'UPDATE audit_logs SET after = ? WHERE id = ?',
      [JSON.stringify({ i: 999 }), old.id],
      async () => {
        const requested = await postAs(client, auditor.token, '/api/v1/audit/verify-runs', {})
        await workNextRun()
        const run = await getAs(
          client,
          auditor.token,
          `/api/v1/audit/verify-runs/${requested.body().id}`
        )
        assert.include(run.body(), { status: 'done', valid: false })
        assert.deepInclude(run.body().firstBroken, { id: old.id, reason: 'hash_mismatch' })
      }
    ).finally(() =>
      withTamper(
        'UPDATE audit_logs SET after = ? WHERE id = ?',
        [JSON.stringify(old.after), old.id],
        async () => {}
      )
    )
  })

  test('other roles cannot start a run; an unknown run is a JSON 404', async ({ client }) => {
    const sales = await makeUser('sales')
    const refused = await postAs(client, sales.token, '/api/v1/audit/verify-runs', {})
    refused.assertStatus(403)
    const auditor = await makeUser('auditor')
    const missing = await getAs(client, auditor.token, '/api/v1/audit/verify-runs/999999')
    missing.assertStatus(404)
  })
})
