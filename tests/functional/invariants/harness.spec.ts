import { test } from '@japa/runner'
import { baseUrl } from '#tests/support/browser'
import { runHarness } from '#tests/support/invariants/harness'
import { seedFromEnv } from '#tests/support/invariants/prng'

/**
 * The short run in every `npm test` (a few hundred operations); `npm run soak` runs the same with
 * INVARIANT_OPS / INVARIANT_MAX_SECONDS raised. INVARIANT_SEED=<seed> replays a run.
 */
const OPERATIONS = Number(process.env.INVARIANT_OPS ?? 300)
const MAX_SECONDS = Number(process.env.INVARIANT_MAX_SECONDS ?? 120)

test.group('Invariants: randomized seeded harness', () => {
  test('random users, operations, retries, aborts and cut connections keep every invariant', async ({
    assert,
  }) => {
    const url = baseUrl()
    assert.match(url, /^http:\/\/127\.0\.0\.1:/, 'the harness talks only to 127.0.0.1')
    const seed = seedFromEnv()
    console.log(`invariant harness seed ${seed} (replay: INVARIANT_SEED=${seed})`)
    const figures = await runHarness({
      seed,
      operations: OPERATIONS,
      users: Number(process.env.INVARIANT_USERS ?? 6),
      maxSeconds: MAX_SECONDS,
      baseUrl: url,
      year: 2003,
    })
    console.log(JSON.stringify(figures, null, 2))
    assert.deepEqual(figures.violations, [], `seed ${seed}`)
    assert.isAbove(figures.outcomes.acknowledged, 0)
    assert.isAbove(figures.outcomes.refused, 0)
  }).timeout(MAX_SECONDS * 1000 + 300_000)
})
