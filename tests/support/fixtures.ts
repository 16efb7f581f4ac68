import { randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import User from '#modules/identity/models/user'
import type { Role } from '#modules/identity/roles'

/** Unique suffix so tests never share customers or users (the ledger cannot be truncated). */
export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`

export async function makeUser(role: Role, password = 'Secret#123') {
  const user = await User.create({
    email: `${unique(role)}@test.local`,
    password,
    role,
    fullName: `Test ${role}`,
    department: null,
    locale: 'zh-CN',
    isActive: true,
  })
  const token = await User.accessTokens.create(user)
  return { user, token: token.value!.release(), password }
}

export async function makeCustomer(
  attributes: Partial<{
    defaultCurrency: string
    creditLimit: string
    salesOwnerId: number | null
  }> = {}
) {
  const [row] = await db
    .table('customers')
    .insert({
      code: unique('C'),
      name: '测试客户',
      default_currency: attributes.defaultCurrency ?? 'CNY',
      credit_limit: attributes.creditLimit ?? '0',
      sales_owner_id: attributes.salesOwnerId ?? null,
      status: 'active',
      custom_fields: '{}',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('*')
  return row as { id: number; code: string }
}

export async function makeProject(customerId: number, currency = 'CNY') {
  const [row] = await db
    .table('projects')
    .insert({
      customer_id: customerId,
      code: unique('P'),
      name: '测试项目',
      currency,
      status: 'active',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .returning('*')
  return row as { id: number }
}

export async function countRows(table: string, where: Record<string, unknown> = {}) {
  const row = await db.from(table).where(where).count('* as total').first()
  return Number(row.total)
}

/**
 * Rows written by the whole app: used to prove a refused request wrote nothing. Alerts the alerts
 * module raises after the fact (their audit rows, entity 'alert') are reactions, not the request's.
 */
export async function writeCounters() {
  const audit = await db
    .from('audit_logs')
    .whereNot('entity_type', 'alert')
    .count('* as total')
    .first()
  return {
    journals: await countRows('journals'),
    lines: await countRows('journal_lines'),
    audit: Number(audit.total),
    idempotency: await countRows('idempotency_keys'),
  }
}
