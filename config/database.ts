import env from '#start/env'
import pg from 'pg'
import { defineConfig } from '@adonisjs/lucid'

// Plain dates stay 'YYYY-MM-DD' strings (no time-zone shift), and bigint ids/counts become numbers
// (ids stay far below 2^53). NUMERIC stays a string: money is handled by decimal.js only.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value)
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10))

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
  },
})

export default dbConfig
