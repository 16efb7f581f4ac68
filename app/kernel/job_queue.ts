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
  await boss.start()
  for (const queue of queues) await boss.createQueue(queue)
  return boss
}
