import { test } from '@japa/runner'
import { CoalescingLimit } from '#kernel/coalescing_limit'

const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

test.group('CoalescingLimit', () => {
  test('at most `limit` passes at once; the items that waited go together in the next pass', async ({
    assert,
  }) => {
    const passes: number[][] = []
    const after: number[][] = []
    let running = 0
    let most = 0
    const limit = new CoalescingLimit<number, number[]>(
      2,
      async (items) => {
        passes.push(items)
        running++
        most = Math.max(most, running)
        await tick()
        running--
        return items
      },
      async (items) => {
        // The slot is free by now: the next pass has already started.
        if (items[0] === 1) assert.deepEqual(passes.at(-1), [3, 4, 5, 6])
        after.push(items)
      }
    )
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => limit.add(n)))
    assert.deepEqual(passes, [[1], [2], [3, 4, 5, 6]])
    assert.deepEqual(after, passes)
    assert.equal(most, 2)
    // Idle again: a new item gets a pass of its own at once.
    await limit.add(7)
    assert.deepEqual(passes.at(-1), [7])
  })

  test('with a gathering time, items that arrive within it make one pass', async ({ assert }) => {
    const passes: number[][] = []
    const limit = new CoalescingLimit<number, void>(
      1,
      async (items) => {
        passes.push(items)
      },
      async () => {},
      30
    )
    const first = [limit.add(1), limit.add(2)]
    await tick()
    const later = [limit.add(3)]
    await Promise.all([...first, ...later])
    assert.deepEqual(passes, [[1, 2, 3]])
    await limit.add(4)
    assert.deepEqual(passes, [[1, 2, 3], [4]])
  })

  test('a failed pass rejects its own items only and frees its slot', async ({ assert }) => {
    const limit = new CoalescingLimit<number, void>(1, async (items) => {
      await tick()
      if (items.includes(1)) throw new Error('pass failed')
    })
    const results = await Promise.allSettled([1, 2, 3].map((n) => limit.add(n)))
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'fulfilled', 'fulfilled']
    )
    await limit.add(4)
  })
})
