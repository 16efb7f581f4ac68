import { test } from '@japa/runner'
import PgBoss from 'pg-boss'
import env from '#start/env'
import { ALERT_SCHEDULES } from '#modules/alerts/alert_schedule'
import { loadJobModules, registerSchedules } from '#modules/worker/background_worker'

test.group('Alerts: schedule', () => {
  test('the worker registers its cron schedules in pg-boss, in the company time zone', async ({
    assert,
  }) => {
    const boss = new PgBoss({
      connectionString: env.get('DATABASE_URL'),
      supervise: false,
      schedule: false,
    })
    await boss.start()
    try {
      const modules = await loadJobModules({ only: ['alerts'] })
      const jobs = modules.flatMap((m) => m.jobs)
      for (const job of jobs) await boss.createQueue(job.queue)
      await registerSchedules(boss, jobs)
      await registerSchedules(boss, jobs) // idempotent on every start
      const schedules = await boss.getSchedules()
      assert.deepEqual(
        schedules
          .filter((s) => /^(alerts|approvals)-/.test(s.name))
          .map((s) => [s.name, s.cron, s.options?.tz])
          .sort(),
        ALERT_SCHEDULES.map((s) => [s.name, s.cron, 'Asia/Shanghai']).sort()
      )
    } finally {
      await boss.stop({ graceful: false, wait: true })
    }
  })
})
