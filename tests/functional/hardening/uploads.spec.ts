import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { countRows, makeUser } from '#tests/support/fixtures'
import { expectStatus } from '#tests/support/api'
import { makeBankAccount } from '#tests/support/banking'
import { uploadImport } from '#tests/support/imports'
import { route } from '#tests/support/route'
import { xlsxZipBomb } from '#tests/support/zip_bomb'

/** A statement file, as bytes, uploaded by an English reader to a new account of its own. */
async function uploadStatementBytes(client: ApiClient, token: string, bytes: Buffer, name: string) {
  const account = await makeBankAccount()
  return client
    .post(route('bank_statements.store'))
    .bearerToken(token)
    .header('Accept-Language', 'en')
    .file('file', bytes, { filename: name })
    .field('bankAccountId', String(account.id))
}

/** Files that are not what they claim, or too large: a 422 naming the file and why, nothing kept. */
test.group('Hardening: uploaded files', () => {
  test('a zip bomb as a bank statement is refused as it unpacks; nothing is stored', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const before = await countRows('bank_statements')
    const response = await expectStatus(
      uploadStatementBytes(client, token, xlsxZipBomb(300), 'statement.xlsx'),
      422
    )
    const [error] = response.body().errors
    assert.deepInclude(error, { field: 'file', rule: 'too_large' })
    assert.include(error.message, 'unpacks to more than 256 MB')
    assert.equal(await countRows('bank_statements'), before)
  }).timeout(60_000)

  test('a statement file of more than 100,000 lines is refused whole; nothing is stored', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const before = await countRows('bank_lines')
    const rows = Array.from({ length: 100_001 }, (_v, i) => `2026-01-01,1.00,R${i}`)
    const csv = Buffer.from(['交易日期,金额,流水号', ...rows].join('\n'))
    const response = await expectStatus(
      uploadStatementBytes(client, token, csv, 'statement.csv'),
      422
    )
    assert.deepInclude(response.body().errors[0], { field: 'file', rule: 'too_many_lines' })
    assert.include(response.body().errors[0].message, 'at most 100,000 lines')
    assert.equal(await countRows('bank_lines'), before)
  }).timeout(60_000)

  test('an import of another kind of file, or a body over 20 MB, is refused in the reader’s language', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const jobs = await countRows('import_jobs')
    const zip = Buffer.from('PK\u0003\u0004 not a spreadsheet', 'latin1')
    const wrongType = await expectStatus(
      uploadImport(client, token, 'receipts', zip, {}, 'receipts.zip'),
      422
    )
    assert.deepInclude(wrongType.body().errors[0], { field: 'file', rule: 'fileType' })
    assert.equal(wrongType.body().errors[0].message, '只接受 CSV 或 XLSX 文件')

    const big = Buffer.alloc(21 * 2 ** 20, 'a')
    const tooBig = await expectStatus(
      uploadImport(client, token, 'receipts', big, {}, 'receipts.csv').header(
        'Accept-Language',
        'en'
      ),
      413
    )
    assert.deepEqual(tooBig.body().errors, [
      { field: null, rule: 'payload_too_large', message: 'the request body is too large' },
    ])
    assert.equal(await countRows('import_jobs'), jobs)
  }).timeout(60_000)
})
