import { test } from '@japa/runner'
import { systemActor } from '#kernel/actor'
import { reactionsSettled, runAsOneStatement, runInTransaction } from '#kernel/unit_of_work'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test.group('Unit of work', () => {
  test('reactionsSettled waits for after-commit reactions and those they start', async ({
    assert,
  }) => {
    const done: string[] = []
    await runInTransaction(systemActor('test'), async (uow) => {
      uow.onCommit(async () => {
        await pause(30)
        done.push('first')
        // A reaction that commits work of its own, with a reaction of its own.
        await runInTransaction(systemActor('test'), async (inner) => {
          inner.onCommit(async () => {
            await pause(30)
            done.push('second')
          })
        })
      })
    })
    assert.deepEqual(done, [])
    await reactionsSettled()
    assert.deepEqual(done, ['first', 'second'])
  })

  test('a one-statement unit runs one statement and has no transaction', async ({ assert }) => {
    await runAsOneStatement(systemActor('test'), async (uow) => {
      assert.throws(() => uow.trx, /one statement/)
      await uow.client.rawQuery('SELECT 1')
      assert.throws(() => uow.client, /ran its statement already/)
    })
  })

  test('a one-statement unit may not leave audit entries unwritten', async ({ assert }) => {
    await assert.rejects(
      () =>
        runAsOneStatement(systemActor('test'), async (uow) => {
          uow.audit({ entityType: 'test', entityId: null, action: 'lost' })
        }),
      /must write its audit rows in its statement/
    )
  })
})
