import { createHash } from 'node:crypto'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'

const names = new Map<string, string>()

/** The statement's name: derived from its text, so one text always gets one name. */
function statementName(sql: string): string {
  let name = names.get(sql)
  if (!name) {
    name = `al_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`
    names.set(sql, name)
  }
  return name
}

/**
 * A raw query sent as a named prepared statement: PostgreSQL parses it once per connection and,
 * after a few executions, reuses its plan. For the statements every posting runs (token lookup,
 * account lock, journal write, audit append, alert checks), parsing and planning cost PostgreSQL
 * more than executing them. `sql` must be a fixed text (values only as bindings): a text made
 * per call would prepare a new statement on every connection each time.
 */
export function preparedQuery(
  client: QueryClientContract | TransactionClientContract,
  sql: string,
  bindings: RawQueryBindings
) {
  const query = client.rawQuery(sql, bindings)
  query.knexQuery.options({ name: statementName(sql) })
  return query
}
