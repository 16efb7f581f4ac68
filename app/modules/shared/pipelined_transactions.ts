import pg from 'pg'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { statementName } from '#modules/shared/prepared_statement'

/**
 * Fewer round trips per transaction. knex sends BEGIN, every statement and COMMIT each as a round
 * trip of its own; on this VM a round trip (a socket write and a wake-up on both sides) costs more
 * than most statements' work. On a connection set up with `pipelineTransactions`:
 *
 *  - BEGIN is answered at once and sent in front of the transaction's first statement;
 *  - a statement sent with `{ pipelined: 'defer' }` waits, too, and goes in front of the next one
 *    (or alone, once the event loop turns and nothing followed);
 *  - a statement sent with `{ pipelined: 'commit' }` carries the COMMIT, and knex's own COMMIT
 *    that follows is answered at once. A refused COMMIT is that statement's error.
 *
 * Statements are joined into one simple-protocol message (`BEGIN; EXECUTE al_…('…'); …`). That
 * needs each to be a named prepared statement (see `preparedQuery`) already parsed on this
 * connection: PostgreSQL runs its prepared plan with the values given as literals, which it casts to
 * the parameter types exactly as it would the bound values. Whatever cannot be joined is sent as
 * before, after what was held — same order, same results, just more round trips.
 */

/** Query options a caller may set through knex's `.options()`. */
export type Pipelined = 'defer' | 'commit'

type Callback = (error: Error | null, result?: any) => void

interface QueryConfig {
  text: string
  values?: unknown[]
  name?: string
  pipelined?: Pipelined
  rowMode?: string
  types?: unknown
  binary?: boolean
}

/** A statement not sent yet, and who waits for its result (nobody waits for BEGIN). */
interface Held {
  config: QueryConfig
  callback?: Callback
}

interface PipelineState {
  client: pg.Client
  send: (config: QueryConfig, callback: Callback) => void
  held: Held[]
  /** a statement carried this transaction's COMMIT; knex's COMMIT is still to come */
  committed: boolean
  flushScheduled: boolean
}

const BEGIN: QueryConfig = { text: 'BEGIN' }
const COMMIT: QueryConfig = { text: 'COMMIT' }
const ROLLBACK: QueryConfig = { text: 'ROLLBACK' }
const TRANSACTION_COMMANDS = new Map([
  ['BEGIN', BEGIN],
  ['COMMIT', COMMIT],
  ['ROLLBACK', ROLLBACK],
])
// pg's own serialisation of a bound value (Dates, arrays, JSON objects).
const prepareValue: (value: unknown) => unknown = (pg as any).utils.prepareValue

export function pipelineTransactions(client: pg.Client) {
  const original = client.query as (...args: unknown[]) => unknown
  const state: PipelineState = {
    client,
    send: (config, callback) => original.call(client, config, callback),
    held: [],
    committed: false,
    flushScheduled: false,
  }
  client.query = function (...args: any[]) {
    const [config, callback] = args
    // knex always calls query(config, callback); anything else goes through untouched.
    if (args.length === 2 && typeof callback === 'function' && isPlainQuery(config)) {
      return route(state, config, callback)
    }
    flush(state)
    return original.apply(client, args)
  } as typeof client.query
}

/** The PostgreSQL connection a transaction runs on. */
export async function connectionOf(trx: TransactionClientContract): Promise<pg.Client> {
  return (trx.knexClient as any).client.acquireConnection()
}

/**
 * Sends `sql` (a fixed text with $1… placeholders) as a named prepared statement in front of the
 * transaction's next one. It reaches the connection before this returns: a statement the caller
 * sends after it is sent after it.
 */
export function deferStatement(
  connection: pg.Client,
  sql: string,
  values: unknown[]
): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => {
    const config = { text: sql, values, name: statementName(sql), pipelined: 'defer' }
    connection.query(config as pg.QueryConfig, (error: Error | null, result: pg.QueryResult) =>
      error ? reject(error) : resolve(result)
    )
  })
}

function isPlainQuery(config: any): config is QueryConfig {
  return typeof config === 'object' && typeof config?.text === 'string' && !config.submit
}

function route(state: PipelineState, config: QueryConfig, done: Callback) {
  const command = config.values?.length
    ? undefined
    : TRANSACTION_COMMANDS.get(config.text.trim().replace(/;$/, '').toUpperCase())
  if (command === BEGIN) {
    state.held.push({ config: BEGIN })
    return answer(done, 'BEGIN')
  }
  if (command) return endTransaction(state, command, done)
  if (state.committed) return refuse(done, 'the transaction was already committed')
  if (config.pipelined === 'defer') {
    state.held.push({ config, callback: done })
    return scheduleFlush(state)
  }
  if (state.held.length === 0 && config.pipelined !== 'commit') return state.send(config, done)
  const batch: Held[] = [...take(state), { config, callback: done }]
  if (config.pipelined !== 'commit') return sendBatch(state, batch)
  // Carries the COMMIT only when joined; sent alone, knex's COMMIT follows as usual.
  sendBatch(state, batch, { required: false, callback: (error) => (state.committed = !error) })
}

/** knex's COMMIT or ROLLBACK: answered here when PostgreSQL has nothing to end. */
function endTransaction(state: PipelineState, command: QueryConfig, done: Callback) {
  if (state.committed) {
    state.committed = false
    if (command === COMMIT) return answer(done, 'COMMIT')
    return refuse(done, 'the transaction was already committed')
  }
  const held = take(state)
  // BEGIN still held: nothing of this transaction has reached PostgreSQL.
  const unsent = held[0]?.config === BEGIN
  const waiting = held.filter((statement) => statement.callback)
  if (command === ROLLBACK) {
    waiting.forEach(({ callback }) => refuse(callback!, 'rolled back before it was sent'))
    return unsent ? answer(done, 'ROLLBACK') : state.send(ROLLBACK, done)
  }
  if (unsent && waiting.length === 0) return answer(done, 'COMMIT')
  sendBatch(state, held, { required: true, callback: done })
}

/** Sends what is held once the event loop turns, when no statement followed a deferred one. */
function scheduleFlush(state: PipelineState) {
  if (state.flushScheduled) return
  state.flushScheduled = true
  setImmediate(() => {
    state.flushScheduled = false
    if (state.held.some((statement) => statement.callback)) flush(state)
  })
}

function flush(state: PipelineState) {
  if (state.held.length > 0) sendBatch(state, take(state))
}

function take(state: PipelineState): Held[] {
  const held = state.held
  state.held = []
  return held
}

/**
 * One message when every statement can be joined, else one each, in order. PostgreSQL answers a
 * COMMIT behind a failed statement with ROLLBACK and no error: that answer is made an error here.
 */
function sendBatch(
  state: PipelineState,
  batch: Held[],
  commit?: { required: boolean; callback: Callback }
) {
  const statements = batch.map(({ config }) => sqlOf(state.client, config))
  if (statements.every((statement) => statement !== null)) {
    if (commit) statements.push(COMMIT.text)
    state.send({ text: statements.join('; ') }, (error, results) => {
      const list: any[] = Array.isArray(results) ? results : [results]
      const failure = error ?? rolledBack(list.at(-1))
      batch.forEach(({ callback }, index) => callback?.(failure, failure ? undefined : list[index]))
      commit?.callback(failure, list.at(-1))
    })
    return
  }
  for (const { config, callback } of batch) state.send(config, callback ?? ignore)
  if (commit?.required) {
    state.send(COMMIT, (error, result) => commit.callback(error ?? rolledBack(result), result))
  }
}

function rolledBack(result: any): Error | null {
  return result?.command === 'ROLLBACK' ? new Error('the transaction was rolled back') : null
}

/** The statement as SQL for a simple-protocol message, or null when it cannot be joined. */
function sqlOf(client: pg.Client, config: QueryConfig): string | null {
  if (config === BEGIN || config === COMMIT || config === ROLLBACK) return config.text
  const parsed = (client as any).connection?.parsedStatements?.[config.name ?? '']
  if (!config.name || parsed !== config.text || config.rowMode || config.types || config.binary) {
    return null
  }
  const literals: string[] = []
  for (const value of config.values ?? []) {
    const prepared = prepareValue(value)
    if (prepared === null) literals.push('NULL')
    // Bytes, and text with a NUL (which would end the message's text early), are only ever bound.
    else if (typeof prepared !== 'string' || prepared.includes('\0')) return null
    else literals.push(pg.escapeLiteral(prepared))
  }
  return literals.length
    ? `EXECUTE ${config.name}(${literals.join(', ')})`
    : `EXECUTE ${config.name}`
}

/** A failed BEGIN fails the statements behind it, which report it to their callers. */
function ignore() {}

function answer(done: Callback, command: string) {
  process.nextTick(done, null, { command, rowCount: null, rows: [], fields: [] })
}

function refuse(done: Callback, message: string) {
  process.nextTick(done, new Error(message))
}
