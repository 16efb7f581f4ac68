import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { getAs, postAs, expectStatus } from '#tests/support/api'
import { verifyAuditChains } from '#modules/audit/services/audit_verifier'
import { route } from '#tests/support/route'
import { SqlResource, SqlTable } from '#modules/admin/panel/sql_resource'
import { auditLogSpec } from '#modules/admin/resources/audit_resources'

/** Runs `sql` with the triggers off (immutability, balance and foreign keys), as a tamperer would. */
async function behindTheTriggers(sql: string, bindings: unknown[]) {
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    await trx.rawQuery(sql, bindings as any)
  })
}

/** A browser's user agent (74 bytes, as the storage bench sends): the row keeps its id, not the text. */
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0'

async function postingRow(journalId: number) {
  return db
    .from('audit_logs')
    .where({ entity_type: 'journal', entity_id: String(journalId) })
    .select('*', db.raw('pg_column_size(audit_logs.*) AS row_bytes'))
    .firstOrFail()
}

test.group('Audit log: a posting’s row keeps references and the journal’s digest', () => {
  test('the row is at most 400 bytes with a browser’s user agent; its digest is the journal’s', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const receipt = await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '12345.67',
        currency: 'CNY',
        channel: 'bank_transfer',
        bankReference: `CMB-${customer.id}-1`,
        memo: '华东机械 HT-2026-017 第二期预付款',
      }).header('User-Agent', BROWSER),
      201
    )
    // the API still answers with the whole journal view
    assert.lengthOf(receipt.body().lines, 2)
    assert.equal(receipt.body().memo, '华东机械 HT-2026-017 第二期预付款')
    const row = await postingRow(receipt.body().id)
    assert.isAtMost(Number(row.row_bytes), 400)
    assert.isNull(row.prev_hash)
    // the user agent is stored once, in the dictionary; the row carries its id
    assert.isNull(row.user_agent)
    const agent = await db.from('audit_user_agents').where('id', row.user_agent_id).firstOrFail()
    assert.equal(agent.user_agent, BROWSER)
    const digest = await db.rawQuery('SELECT journal_content_digest(?) AS d', [receipt.body().id])
    assert.deepEqual(row.after, {
      customerId: customer.id,
      currency: 'CNY',
      amount: '12345.67',
      entryDate: receipt.body().entryDate,
      digest: digest.rows[0].d,
    })
    // the API's audit list still gives every row its previous hash
    const auditor = await makeUser('auditor')
    const listed = await getAs(
      client,
      auditor.token,
      `${route('audit_logs.index')}?entityType=journal&entityId=${receipt.body().id}`
    )
    const before = await db
      .from('audit_logs')
      .where({ chain: row.chain, seq: Number(row.seq) - 1 })
      .first()
    assert.equal(listed.body().data[0].prevHash, before?.hash ?? '0'.repeat(64))
    assert.equal(listed.body().data[0].userAgent, BROWSER)
    // the panel's audit record links the journal it records
    const panelRow = await new SqlResource(new SqlTable(auditLogSpec)).findOne(String(row.id))
    assert.equal(String(panelRow?.params.journalId), String(receipt.body().id))
    assert.equal(panelRow?.params.userAgent, BROWSER)
    // and the chain verifies: the hash covers the agent's text, read through its id
    const verify = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(verify.valid)
    // the history shows the journal read from its tables
    const history = await getAs(
      client,
      auditor.token,
      route('audit_logs.history', { entityType: 'journal', id: receipt.body().id })
    )
    assert.equal(history.body().state.memo, '华东机械 HT-2026-017 第二期预付款')
    assert.equal(history.body().state.digest, row.after.digest)
    assert.deepEqual(
      history.body().state.lines.map((l: any) => [l.accountCode, l.debit, l.credit]),
      [
        ['1002', '12345.67', '0'],
        ['2203', '0', '12345.67'],
      ]
    )
  })

  test('a journal line changed behind the triggers fails verify, naming the journal', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const auditor = await makeUser('auditor')
    const customer = await makeCustomer()
    const receipt = await expectStatus(
      postAs(client, token, route('receipts.store'), {
        customerId: customer.id,
        amount: '1000.00',
        currency: 'CNY',
        channel: 'cash',
      }),
      201
    )
    const journalId = receipt.body().id
    const row = await postingRow(journalId)
    const change = `UPDATE journal_lines SET debit = ?, base_debit = ?
                     WHERE journal_id = ? AND line_no = 1`
    await behindTheTriggers(change, ['10.0000', '10.0000', journalId])
    try {
      const verify = await getAs(client, auditor.token, route('audit.verify'))
      verify.assertStatus(200)
      assert.isFalse(verify.body().valid)
      assert.deepInclude(verify.body().firstBroken, {
        id: Number(row.id),
        reason: 'journal_mismatch',
        journalId,
      })
      // the audit row itself is untouched: its hash still holds
      const full = await verifyAuditChains({ mode: 'full' })
      assert.equal(full.firstBroken?.reason, 'journal_mismatch')
      assert.equal(full.firstBroken?.journalId, journalId)
    } finally {
      await behindTheTriggers(change, ['1000.0000', '1000.0000', journalId])
    }
    const after = await verifyAuditChains({ mode: 'full' })
    assert.isTrue(after.valid)
  })

  test('rows written before keep their journal view and verify as they did', async ({ assert }) => {
    const { user } = await makeUser('finance')
    const view = { id: 1, kind: 'receipt', amount: '1.00', lines: [{ accountCode: '1001' }] }
    await db.transaction(async (trx) => {
      await trx.rawQuery(
        `SELECT audit_append(?, 'finance', NULL, NULL, NULL, jsonb_build_array(jsonb_build_object(
           'entityType', 'journal', 'entityId', '1', 'action', 'post_receipt', 'after', ?::jsonb)))`,
        [user.id, JSON.stringify(view)]
      )
    })
    const report = await verifyAuditChains({ mode: 'incremental' })
    assert.isTrue(report.valid)
  })
})
