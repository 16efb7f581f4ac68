import { test } from '@japa/runner'
import { retryOnDeadlock } from '#kernel/job_queue'

/** Two workers starting at once create pg-boss's queues and schedules together (issue 20). */
test.group('Job queue: set-up retried when it loses a deadlock', () => {
  test('a deadlock victim is run again; any other error is not', async ({ assert }) => {
    let calls = 0
    const answer = await retryOnDeadlock(async () => {
      calls++
      if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
      return 'created'
    })
    assert.equal(answer, 'created')
    assert.equal(calls, 3)

    let failing = 0
    await assert.rejects(
      () =>
        retryOnDeadlock(async () => {
          failing++
          throw Object.assign(new Error('relation exists'), { code: '42P07' })
        }),
      'relation exists'
    )
    assert.equal(failing, 1)

    let always = 0
    await assert.rejects(
      () =>
        retryOnDeadlock(async () => {
          always++
          throw Object.assign(new Error('deadlock detected'), { code: '40P01' })
        }, 2),
      'deadlock detected'
    )
    assert.equal(always, 2)
  })
})
