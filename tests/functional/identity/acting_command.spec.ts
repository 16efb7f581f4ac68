import { test } from '@japa/runner'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import db from '@adonisjs/lucid/services/db'
import { makeUser, unique } from '#tests/support/fixtures'
import { csvFile } from '#tests/support/imports'
import { runAce } from '#tests/support/ace'

/** `node ace import:run … --as EMAIL` against the test database: its exit code and output. */
function importAs(email: string, file: string) {
  return runAce('import:run', '--kind', 'customers', '--file', file, '--as', email)
}

/** A command run from the shell acts as a user (`--as`): only as one who may act at all. */
test.group('Commands acting as a user', () => {
  test('a deactivated or unauthorised user imports nothing from the shell; a finance manager does', async ({
    assert,
  }) => {
    const dir = await mkdtemp(join(tmpdir(), 'al-acting-'))
    const code = unique('SH')
    const file = join(dir, 'customers.csv')
    await writeFile(file, csvFile(['客户编码,客户名称,币种', `${code},命令行客户,CNY`]))

    const { user: gone } = await makeUser('finance_manager')
    await db.from('users').where('id', gone.id).update({ is_active: false })
    const refused = await importAs(gone.email, file)
    assert.equal(refused.code, 1)
    assert.include(refused.output, 'is deactivated and cannot act')
    assert.isNull(await db.from('customers').where('code', code).first())
    assert.isNull(await db.from('import_jobs').where('created_by', gone.id).first())

    // an active user whose role may not write customers: refused before any work, as the API would
    const { user: auditor } = await makeUser('auditor')
    const unauthorised = await importAs(auditor.email, file)
    assert.equal(unauthorised.code, 1)
    assert.include(unauthorised.output, 'needs customers.write')
    assert.isNull(await db.from('import_jobs').where('created_by', auditor.id).first())

    const { user: active } = await makeUser('finance_manager')
    const done = await importAs(active.email, file)
    assert.equal(done.code, 0, done.output)
    const customer = await db.from('customers').where('code', code).first()
    assert.equal(customer.name, '命令行客户')
  }).timeout(120_000)
})
