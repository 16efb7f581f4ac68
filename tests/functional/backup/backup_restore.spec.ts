import { access, open, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import pg from 'pg'
import { postReceipt } from '#tests/support/alerts'
import { getAs } from '#tests/support/api'
import { makeCustomer, makeUser } from '#tests/support/fixtures'
import { BackupRefused } from '#modules/backup/services/backup_reader'
import { restoreBackup } from '#modules/backup/services/backup_restorer'
import { findPgTool, serverMajor } from '#modules/backup/services/pg_tools'
import { pruneBackups, takeBackup } from '#modules/backup/services/backup_catalogue'
import { systemActor } from '#kernel/actor'
import type { ApiClient } from '@japa/api-client'
import { route } from '#tests/support/route'
import { outboxSettled } from '#tests/support/outbox'

const OUT = 'tmp/backups-test'

function siblingUrl(suffix: string) {
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `${url.pathname}_${suffix}`
  return url.toString()
}

async function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1)
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  await client.end()
}

async function readRestored(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const balances = await client.query(
      'SELECT customer_id, currency, balance::text FROM customer_balances ORDER BY customer_id, currency'
    )
    const heads = await client.query(
      'SELECT chain, seq, hash FROM audit_chain_heads ORDER BY chain'
    )
    return { balances: balances.rows, heads: heads.rows }
  } finally {
    await client.end()
  }
}

async function currentState() {
  const balances = await db.rawQuery(
    'SELECT customer_id, currency, balance::text FROM customer_balances ORDER BY customer_id, currency'
  )
  const heads = await db.rawQuery('SELECT chain, seq, hash FROM audit_chain_heads ORDER BY chain')
  return { balances: balances.rows, heads: heads.rows }
}

/**
 * A byte inside the dump's own data (the tar's second member, after the manifest): a flip in the
 * tar's padding would change nothing the restore reads.
 */
async function middleOfSecondMember(handle: FileHandle) {
  const header = Buffer.alloc(512)
  await handle.read(header, 0, 512, 0)
  const manifestBytes = Number.parseInt(header.subarray(124, 136).toString('latin1').trim(), 8)
  const second = 512 + Math.ceil(manifestBytes / 512) * 512
  await handle.read(header, 0, 512, second)
  const memberBytes = Number.parseInt(header.subarray(124, 136).toString('latin1').trim(), 8)
  return second + 512 + Math.floor(memberBytes / 2)
}

async function pgDumpAvailable() {
  const version = await db.rawQuery('SHOW server_version')
  return (await findPgTool('pg_dump', serverMajor(version.rows[0].server_version))) !== null
}

async function postSome(client: ApiClient, token: string, customerId: number, amounts: string[]) {
  for (const amount of amounts)
    await postReceipt(client, token, { customerId, amount, entryDate: '2026-11-03' })
}

for (const format of ['copy', 'pg_dump'] as const) {
  test.group(`Backup and restore (${format})`, (group) => {
    group.each.timeout(180_000)
    group.each.teardown(() => rm(OUT, { recursive: true, force: true }))

    test('restores the moment of the backup, proven by counts, chain heads and the checks', async ({
      client,
      assert,
    }) => {
      if (format === 'pg_dump' && !(await pgDumpAvailable())) {
        // the embedded server of a machine with only Node has no pg_dump: the copy run covers it
        return
      }
      const { token } = await makeUser('finance')
      const customer = await makeCustomer()
      await postSome(client, token, customer.id, ['1200.50', '300.25'])
      // the postings' after-commit work (alert checks write audit rows) lands before the moment
      // is read, or the backup would hold a chain head the test never saw
      await outboxSettled()
      // the backup's own audit row comes after its snapshot
      const atBackup = await currentState()
      const backup = await takeBackup(systemActor('test'), {
        trigger: 'manual',
        outDir: OUT,
        format,
      })
      await postSome(client, token, customer.id, ['999.99'])
      assert.notDeepEqual(await currentState(), atBackup)

      const target = siblingUrl(`restore_${format}`)
      await dropDatabase(target)
      try {
        const report = await restoreBackup({
          file: backup.file,
          targetUrl: target,
          appRoot: app.makePath(),
        })
        assert.deepEqual(report.differences, [])
        assert.deepEqual(
          report.checks.map((check) => [check.command, check.ok]),
          [
            ['ledger:check', true],
            ['audit:verify', true],
          ]
        )
        assert.isTrue(report.ok)
        const restored = await readRestored(target)
        assert.deepEqual(restored, atBackup)
        const row = restored.balances.find((b: any) => b.customer_id === customer.id)
        assert.equal(row.balance, '1500.7500')
        assert.equal(backup.manifest.format, format)

        // a second restore into the now filled database is refused, writing nothing
        await assert.rejects(
          () => restoreBackup({ file: backup.file, targetUrl: target, appRoot: app.makePath() }),
          /not empty/
        )
      } finally {
        await dropDatabase(target)
      }
    })

    test('a flipped byte in the dump refuses the backup before anything is written', async ({
      assert,
    }) => {
      if (format === 'pg_dump' && !(await pgDumpAvailable())) {
        return
      }
      const backup = await takeBackup(systemActor('test'), {
        trigger: 'manual',
        outDir: OUT,
        format,
      })
      const handle = await open(backup.file, 'r+')
      const offset = await middleOfSecondMember(handle)
      const byte = Buffer.alloc(1)
      await handle.read(byte, 0, 1, offset)
      byte[0] = byte[0] ^ 0x01
      await handle.write(byte, 0, 1, offset)
      await handle.close()
      const target = siblingUrl(`flipped_${format}`)
      await dropDatabase(target)
      await assert.rejects(
        () => restoreBackup({ file: backup.file, targetUrl: target, appRoot: app.makePath() }),
        BackupRefused
      )
      const admin = await db.rawQuery('SELECT 1 FROM pg_database WHERE datname = ?', [
        new URL(target).pathname.slice(1),
      ])
      assert.lengthOf(admin.rows, 0, 'the refused restore created no database')
    })
  })
}

test.group('Backup catalogue', (group) => {
  group.each.timeout(60_000)
  group.each.teardown(() => rm(OUT, { recursive: true, force: true }))

  test('a backup is recorded and audited with its manifest figures', async ({ assert }) => {
    const backup = await takeBackup(systemActor('test'), {
      trigger: 'manual',
      outDir: OUT,
      format: 'copy',
    })
    const row = await db.from('backups').where('id', backup.id).firstOrFail()
    assert.equal(row.sha256, backup.sha256)
    assert.equal(Number(row.bytes), backup.bytes)
    assert.equal(Number(row.journal_position), backup.manifest.ledgerPosition.journalId)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'backup', entity_id: String(backup.id), action: 'create' })
      .first()
    assert.exists(audit)
    assert.equal(audit.after.sha256, backup.sha256)
    assert.match(
      join(row.directory, row.file_name),
      /advance-ledger-\d{8}T\d{9}Z-[0-9a-f]{6}\.backup$/
    )
  })
})

test.group('Backup retention in the catalogue', (group) => {
  group.each.timeout(60_000)
  group.each.teardown(() => rm(OUT, { recursive: true, force: true }))

  test('pruning removes the files retention does not keep, keeps their rows, audits it', async ({
    assert,
  }) => {
    const taken: Awaited<ReturnType<typeof takeBackup>>[] = []
    for (let i = 0; i < 3; i++)
      taken.push(
        await takeBackup(systemActor('test'), { trigger: 'scheduled', outDir: OUT, format: 'copy' })
      )
    await pruneBackups(systemActor('test'), { daily: 1, monthly: 1, timeZone: 'Asia/Shanghai' })
    const rows = await db
      .from('backups')
      .whereIn(
        'id',
        taken.map((b) => b.id)
      )
      .orderBy('id')
    assert.deepEqual(
      rows.map((row) => row.pruned_at !== null),
      [true, true, false]
    )
    await assert.rejects(() => access(taken[0].file))
    await access(taken[2].file)
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'backup', action: 'prune' })
      .orderBy('id', 'desc')
      .first()
    assert.include(audit.after.pruned, rows[0].file_name)
  })
})

test.group('Backup catalogue API', (group) => {
  group.each.timeout(60_000)
  group.each.teardown(() => rm(OUT, { recursive: true, force: true }))

  test('admins and auditors list backups; other roles are refused', async ({ client, assert }) => {
    const backup = await takeBackup(systemActor('test'), {
      trigger: 'manual',
      outDir: OUT,
      format: 'copy',
    })
    const admin = await makeUser('admin')
    const response = await getAs(client, admin.token, route('backups.index'))
    response.assertStatus(200)
    const listed = response.body().data.find((row: any) => row.id === backup.id)
    assert.equal(listed.sha256, backup.sha256)
    assert.equal(listed.bytes, String(backup.bytes))
    assert.equal(listed.format, 'copy')
    const auditor = await makeUser('auditor')
    const asAuditor = await getAs(client, auditor.token, route('backups.index'))
    asAuditor.assertStatus(200)
    const finance = await makeUser('finance')
    const asFinance = await getAs(client, finance.token, route('backups.index'))
    asFinance.assertStatus(403)
  })
})
