import { test } from '@japa/runner'
import { ConcurrencyLimit } from '#modules/shared/concurrency_limit'

test.group('ConcurrencyLimit', () => {
  test('runs every task, at most `limit` at a time, starting them in arrival order', async ({
    assert,
  }) => {
    const limit = new ConcurrencyLimit(2)
    let running = 0
    let most = 0
    const started: number[] = []
    const task = (n: number) => async () => {
      started.push(n)
      running++
      most = Math.max(most, running)
      await new Promise((resolve) => setTimeout(resolve, 5))
      running--
      if (n === 3) throw new Error('task 3 failed')
      return n
    }
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => limit.run(task(n))))
    assert.equal(most, 2)
    assert.deepEqual(started, [1, 2, 3, 4, 5, 6])
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : 'failed')),
      [1, 2, 'failed', 4, 5, 6]
    )
    // A failed task freed its slot: the limit still admits new work.
    assert.equal(await limit.run(async () => 7), 7)
  })
})
