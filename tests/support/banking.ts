import { fileURLToPath } from 'node:url'
import type { ApiClient } from '@japa/api-client'
import db from '@adonisjs/lucid/services/db'
import { unique } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

export const bankFixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/bank/${name}`, import.meta.url))

/** An account of ours (a fresh number unless the file names one). */
export async function makeBankAccount(
  attributes: Partial<{ accountNo: string; currency: string; channel: string }> = {}
) {
  const accountNo = attributes.accountNo ?? unique('6222')
  const existing = await db
    .from('bank_accounts')
    .where({ account_no: accountNo, currency: attributes.currency ?? 'CNY' })
    .first()
  if (existing) return existing as { id: number }
  const [row] = await db
    .table('bank_accounts')
    .insert({
      name: `测试账户 ${accountNo}`,
      bank_name: '工商银行',
      account_no: accountNo,
      currency: attributes.currency ?? 'CNY',
      channel: attributes.channel ?? 'bank_transfer',
    })
    .returning('*')
  return row as { id: number }
}

export function uploadStatement(
  client: ApiClient,
  token: string,
  bankAccountId: number,
  fixture: string,
  profile?: string
) {
  const request = client
    .post(route('bank_statements.store'))
    .bearerToken(token)
    .file('file', bankFixture(fixture))
    .field('bankAccountId', String(bankAccountId))
  return profile ? request.field('profile', profile) : request
}

/** A customer with a name no other test uses (payer names are matched against every customer). */
export async function nameCustomer(customerId: number, name: string) {
  await db.from('customers').where('id', customerId).update({ name })
}

export async function linesOf(statementId: number) {
  return db.from('bank_lines').where('statement_id', statementId).orderBy('id')
}
