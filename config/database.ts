import env from '#start/env'
import pg from 'pg'
import { defineConfig } from '@adonisjs/lucid'

// Plain dates stay 'YYYY-MM-DD' strings (no time-zone shift), and bigint ids/counts become numbers
// (ids stay far below 2^53). NUMERIC stays a string: money is handled by decimal.js only.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

const replicaUrl = env.get('DATABASE_REPLICA_URL')

const dbConfig = defineConfig({
  connection: 'postgres',
  connections: {
    postgres: {
      client: 'pg',
      connection: { connectionString: env.get('DATABASE_URL') },
      pool: { min: 0, max: env.get('DB_POOL_MAX', 10) },
      migrations: { naturalSort: true, paths: ['database/migrations'] },
      seeders: { paths: ['database/seeders'] },
    },
    // Reads that may lag by milliseconds (reports, statements, panel lists) go here through
    // app/kernel/read_replica.ts; without DATABASE_REPLICA_URL it is never used.
    ...(replicaUrl
      ? {
          replica: {
            client: 'pg' as const,
            connection: { connectionString: replicaUrl },
            pool: { min: 0, max: env.get('DB_POOL_MAX', 10) },
          },
        }
      : {}),
  },
})

export default dbConfig
