import env from '#start/env'
import logger from '@adonisjs/core/services/logger'
import PgBoss from 'pg-boss'

/**
 * pg-boss on the app's own database (schema `pgboss`), its errors logged, with the given queues
 * created: the job queue the report and alert workers share.
 */
export async function startJobQueue(queues: string[], options: { max?: number } = {}) {
  const boss = new PgBoss({
    connectionString: env.get('DATABASE_URL'),
    schema: 'pgboss',
    max: options.max ?? 4,
  })
  boss.on('error', (error) => logger.error({ err: error }, 'pg-boss error'))
  try {
    await retryOnDeadlock(() => boss.start())
    for (const queue of queues) await retryOnDeadlock(() => boss.createQueue(queue))
  } catch (error) {
    // a queue that could not start must not keep its pool (and so its process) alive
    await boss.stop({ graceful: false, wait: true }).catch(() => {})
    throw error
  }
  return boss
}

/**
 * Runs pg-boss's set-up statements again when PostgreSQL chose them as a deadlock's victim: two
 * workers started at the same moment create the same queues and schedules at once (seen with
 * two `node ace worker` processes: one failed with "deadlock detected" and never worked).
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string }
      const deadlock = code === '40P01' || /deadlock detected/.test(message ?? '')
      if (!deadlock || attempt >= attempts) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400 * attempt))
    }
  }
}
