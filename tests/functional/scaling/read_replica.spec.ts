import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { ReadRouting } from '#kernel/read_replica'
import { startReplicaPair, type ReplicaPair } from '#database/support/replica_pair'

/** Which server answered: a standby says it is in recovery. */
async function answeredBy(client: Awaited<ReturnType<ReadRouting['client']>>) {
  const result = await client.rawQuery('SELECT pg_is_in_recovery() AS standby')
  return result.rows[0].standby ? 'replica' : 'primary'
}

test.group('Read replica (DATABASE_REPLICA_URL): reads follow the primary', (group) => {
  let pair: ReplicaPair
  const routing = new ReadRouting('pair_primary', 'pair_replica', 2000)

  group.setup(async () => {
    pair = await startReplicaPair('tmp/replica-test', 'al_replica')
    for (const [name, url] of [
      ['pair_primary', pair.primaryUrl],
      ['pair_replica', pair.replicaUrl],
    ]) {
      db.manager.add(name, { client: 'pg', connection: { connectionString: url } })
    }
    await db
      .connection('pair_primary')
      .rawQuery('CREATE TABLE receipts_seen (id serial PRIMARY KEY, amount numeric NOT NULL)')
    return async () => {
      await db.manager.release('pair_primary')
      await db.manager.release('pair_replica')
      await pair.stop()
    }
  })

  test('a row committed on the primary is read from the replica at once', async ({ assert }) => {
    for (const amount of ['220000.00', '0.01', '99999999.99']) {
      await db
        .connection('pair_primary')
        .rawQuery('INSERT INTO receipts_seen (amount) VALUES (?)', [amount])
      const client = await routing.client()
      assert.equal(await answeredBy(client), 'replica')
      const seen = await client.rawQuery(
        'SELECT amount FROM receipts_seen ORDER BY id DESC LIMIT 1'
      )
      assert.equal(seen.rows[0].amount, amount)
    }
  })

  test('the replica refuses writes', async ({ assert }) => {
    const error = await db
      .connection('pair_replica')
      .rawQuery("INSERT INTO receipts_seen (amount) VALUES ('1')")
      .catch((e) => e)
    assert.equal(error.code, '25006')
  })

  test('a replica that is down is passed over for the primary; back up, it is used again', async ({
    assert,
  }) => {
    await pair.stopReplica()
    await db.manager.close('pair_replica')
    const fallback = await routing.client()
    assert.equal(await answeredBy(fallback), 'primary')
    await pair.startReplica()
    await db
      .connection('pair_primary')
      .rawQuery("INSERT INTO receipts_seen (amount) VALUES ('5.00')")
    const client = await routing.client()
    assert.equal(await answeredBy(client), 'replica')
    const seen = await client.rawQuery('SELECT count(*)::int AS n FROM receipts_seen')
    assert.equal(seen.rows[0].n, 4)
  }).timeout(90_000)
})
