import { test } from '@japa/runner'
import knex, { type Knex } from 'knex'
import type pg from 'pg'
import env from '#start/env'
import { pipelineTransactions } from '#modules/shared/pipelined_transactions'
import { statementName } from '#modules/shared/prepared_statement'

/** What reached the wire: one entry per message pg sent (BEGIN/COMMIT answered locally never do). */
const sent: string[] = []

function recordMessages(connection: pg.Client) {
  const query = connection.query as (...args: unknown[]) => unknown
  connection.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0] as { text?: string } | string
    sent.push(typeof config === 'string' ? config : (config.text ?? '?'))
    return query.apply(connection, args)
  } as typeof connection.query
}

/** A pool of one connection, pipelined as the app's pool is, with its messages recorded. */
function pipelinedPool(): Knex {
  return knex({
    client: 'pg',
    connection: env.get('DATABASE_URL'),
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: pg.Client, done: (error: Error | null, c: pg.Client) => void) {
        recordMessages(connection)
        pipelineTransactions(connection)
        done(null, connection)
      },
    },
  })
}

function named(
  trx: Knex.Transaction,
  sql: string,
  bindings: readonly unknown[],
  pipelined?: string
) {
  return trx
    .raw(sql, bindings as Knex.RawBinding[])
    .options({ name: statementName(sql), pipelined })
}

const INSERT = 'INSERT INTO pipeline_probe (id, note) VALUES (?, ?) RETURNING id, note'
const COUNT = 'SELECT count(*)::int AS n FROM pipeline_probe WHERE id = ?'

test.group('Pipelined transactions: BEGIN and COMMIT ride with statements', (group) => {
  let pool: Knex
  group.setup(async () => {
    pool = pipelinedPool()
    await pool.raw(`CREATE TABLE IF NOT EXISTS pipeline_probe (
      id int, note text, CONSTRAINT pipeline_probe_id UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)`)
    // Parse the statements on the pool's one connection (the first use is sent as usual).
    await pool.transaction(async (trx) => {
      await named(trx, COUNT, [0])
      await named(trx, INSERT, [0, 'warm-up'])
    })
    return async () => {
      await pool.raw('DROP TABLE pipeline_probe')
      await pool.destroy()
    }
  })
  group.each.setup(() => {
    sent.length = 0
  })

  test('a transaction of two statements is two messages: BEGIN with the first, COMMIT with the last', async ({
    assert,
  }) => {
    const trx = await pool.transaction()
    const counted = await named(trx, COUNT, [1])
    const inserted = await named(trx, INSERT, [1, 'two messages'], 'commit')
    await trx.commit()
    assert.deepEqual(sent, [
      `BEGIN; EXECUTE ${statementName(COUNT)}('1')`,
      `EXECUTE ${statementName(INSERT)}('1', 'two messages'); COMMIT`,
    ])
    assert.equal(counted.rows[0].n, 0)
    assert.deepEqual(inserted.rows, [{ id: 1, note: 'two messages' }])
    const after = await pool.raw(COUNT, [1])
    assert.equal(after.rows[0].n, 1)
  })

  test('values reach PostgreSQL exactly as bound ones do', async ({ assert }) => {
    const notes = ["it's", 'back\\slash', '预付款 ✓', '', "E'x'", null]
    for (const [index, note] of notes.entries()) {
      // A transaction's first statement is the one sent with BEGIN, its values as literals.
      const trx = await pool.transaction()
      const row = await named(trx, INSERT, [100 + index, note]).finally(() => trx.rollback())
      assert.deepEqual(row.rows[0], { id: 100 + index, note })
    }
    assert.lengthOf(
      sent.filter((message) => message.startsWith('BEGIN; EXECUTE')),
      notes.length
    )
    assert.include(sent.join('\n'), `E'back\\\\slash'`)
  })

  test('a COMMIT PostgreSQL refuses is the carrying statement’s error, and nothing is kept', async ({
    assert,
  }) => {
    const trx = await pool.transaction()
    await named(trx, INSERT, [7, 'first'])
    // The unique check is deferred: PostgreSQL refuses at COMMIT, sent with this statement.
    const refused = await named(trx, INSERT, [7, 'second'], 'commit').then(
      () => null,
      (error: Error) => error
    )
    assert.match(refused?.message ?? 'committed', /pipeline_probe_id/)
    await trx.rollback().catch(() => {})
    const after = await pool.raw(COUNT, [7])
    assert.equal(after.rows[0].n, 0)
  })

  test('a deferred statement goes in front of the next one, or alone once nothing follows', async ({
    assert,
  }) => {
    const trx = await pool.transaction()
    try {
      const alone = named(trx, COUNT, [2], 'defer').then((result) => result.rows[0].n)
      await new Promise((resolve) => setTimeout(resolve, 20))
      assert.deepEqual(sent, [`BEGIN; EXECUTE ${statementName(COUNT)}('2')`])
      assert.equal(await alone, 0)

      // (then: knex runs a query only once something waits for it)
      const inFront = named(trx, COUNT, [3], 'defer').then((result) => result.rows[0].n)
      await named(trx, INSERT, [3, 'after the deferred count'])
      assert.equal(await inFront, 0)
      assert.equal(
        sent[1],
        `EXECUTE ${statementName(COUNT)}('3'); EXECUTE ${statementName(INSERT)}('3', 'after the deferred count')`
      )
    } finally {
      await trx.rollback()
    }
  })

  test('a transaction that sent nothing ends without a message; one that did sends its end', async ({
    assert,
  }) => {
    const empty = await pool.transaction()
    await empty.commit()
    const abandoned = await pool.transaction()
    await abandoned.rollback()
    assert.deepEqual(sent, [])

    const trx = await pool.transaction()
    await named(trx, INSERT, [4, 'rolled back'])
    await trx.rollback()
    assert.deepEqual(sent.slice(1), ['ROLLBACK'])
    const after = await pool.raw(COUNT, [4])
    assert.equal(after.rows[0].n, 0)
  })

  test('a value with a NUL is bound, never written into the message', async ({ assert }) => {
    const trx = await pool.transaction()
    const refused = await named(trx, INSERT, [5, "nul\0'); DROP TABLE pipeline_probe; --"])
      .then(
        () => null,
        (error: Error) => error
      )
      .finally(() => trx.rollback())
    assert.match(refused?.message ?? 'accepted', /invalid byte sequence|0x00/)
    assert.deepEqual(sent.slice(0, 1), ['BEGIN'])
    assert.notInclude(sent.join('\n'), 'nul')
    const probe = await pool.raw(COUNT, [0])
    assert.equal(probe.rows[0].n, 1)
  })

  test('a statement that cannot be joined is sent after what was held, in order', async ({
    assert,
  }) => {
    const trx = await pool.transaction()
    const unnamed = await trx.raw('SELECT ?::text AS v', ['plain'])
    await trx.commit()
    assert.equal(unnamed.rows[0].v, 'plain')
    assert.deepEqual(sent, ['BEGIN', 'SELECT $1::text AS v', 'COMMIT'])
  })
})
