import db from '@adonisjs/lucid/services/db'
import { seesOnlyOwnCustomers } from '#modules/identity/public'

/*
| "Sales sees only its own customers" (销售只看自己的客户), stated once. Every list, count, lookup
| and check that restricts by owner goes through one of these: the query builder (`withinReach`),
| raw SQL (`reachSql`), one customer (`isWithinReach`), or the ledger's statement (`reachOwner`,
| passed to ledger_post / ledger_reserve as p_required_owner).
*/

interface Reacher {
  id: number
  role: string | null
}

/** The sales owner a customer must have for this user to see it; null: the user sees every customer. */
export function reachOwner(user: Reacher): number | null {
  return seesOnlyOwnCustomers(user.role ?? '') ? user.id : null
}

/** Narrows a query to rows whose `column` (a customer id) names a customer within the user's reach. */
export function withinReach<Query extends { whereIn(column: string, values: any): any }>(
  query: Query,
  user: Reacher,
  column: string
): Query {
  const owner = reachOwner(user)
  if (owner !== null) {
    query.whereIn(column, db.from('customers').select('id').where('sales_owner_id', owner))
  }
  return query
}

/**
 * The same restriction as a fragment of raw SQL (`AND <column> IN (…)`, or '' when the user sees
 * everything). The owner is a user id, checked to be an integer, so it is written in as a literal:
 * the fragment fits queries with positional and with named bindings alike.
 */
export function reachSql(user: Reacher, column: string): string {
  const condition = reachCondition(user, column)
  return condition ? `AND ${condition}` : ''
}

/** The bare condition of `reachSql` (null when the user sees every customer). */
export function reachCondition(user: Reacher, column: string): string | null {
  const owner = reachOwner(user)
  if (owner === null) return null
  if (!Number.isSafeInteger(owner)) throw new Error('a user id is an integer')
  return `${column} IN (SELECT id FROM customers WHERE sales_owner_id = ${owner})`
}

/** Whether one customer (its sales owner) is within the user's reach. */
export function isWithinReach(user: Reacher, customer: { salesOwnerId: number | null }): boolean {
  const owner = reachOwner(user)
  return owner === null || customer.salesOwnerId === owner
}
