import { createHash } from 'node:crypto'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import type { PoolClient, QueryResult } from 'pg'

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

const positionalTexts = new Map<string, string>()

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the texts sent this way use no `?` operator). */
function positional(sql: string): string {
  let text = positionalTexts.get(sql)
  if (!text) {
    let position = 0
    text = sql.replace(/\?/g, () => `$${++position}`)
    positionalTexts.set(sql, text)
  }
  return text
}

/** The knex instance behind a Lucid client, and its pool of pg connections. */
interface KnexPool {
  client: {
    acquireConnection(): Promise<PoolClient>
    releaseConnection(connection: PoolClient): Promise<unknown>
  }
}

/**
 * A raw query sent as a named prepared statement: PostgreSQL parses it once per connection and,
 * after a few executions, reuses its plan. For the statements every posting runs (token lookup,
 * the ledger's posting, audit append, alert checks), parsing and planning cost PostgreSQL more than
 * executing them. `sql` must be a fixed text (values only as bindings): a text made per call would
 * prepare a new statement on every connection each time.
 *
 * Outside a transaction, with `?` bindings, the statement goes straight to a pooled pg connection:
 * knex's query machinery (binding rewrites, runner, query events) costs a tenth of a posting
 * request's CPU here. Such statements do not appear in Lucid's query debug log.
 */
export async function preparedQuery(
  client: QueryClientContract | TransactionClientContract,
  sql: string,
  bindings: RawQueryBindings
): Promise<QueryResult> {
  if (!client.isTransaction && Array.isArray(bindings)) {
    return onPooledConnection(client.getWriteClient() as unknown as KnexPool, sql, bindings)
  }
  const query = client.rawQuery(sql, bindings)
  query.knexQuery.options({ name: statementName(sql) })
  return (await query) as QueryResult
}

async function onPooledConnection(knex: KnexPool, sql: string, values: unknown[]) {
  const connection = await knex.client.acquireConnection()
  try {
    return await connection.query({ name: statementName(sql), text: positional(sql), values })
  } finally {
    await knex.client.releaseConnection(connection)
  }
}
