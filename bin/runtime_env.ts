import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'

/*
| The defaults of a machine with no .env, in one place: `npm start` (bin/start.ts), every ace
| command (bin/console.ts) and the tests (bin/test.ts) start from them, so that after `npm start`
| `node ace …` reaches the same database with the same key. A value in the environment or in .env
| always wins over these.
*/

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))

/** The embedded PostgreSQL `npm start` runs when DATABASE_URL is unset. */
export const EMBEDDED_DATABASE = {
  dir: 'tmp/pgdata',
  database: 'advance_ledger',
  port: Number(process.env.EMBEDDED_PG_PORT || 54329),
  get url() {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${this.database}`
  },
}

/** Where the generated APP_KEY is kept: created on first use, then the same for every process. */
export const APP_KEY_FILE = 'tmp/app_key'

const BASE: Record<string, string> = {
  TZ: 'UTC',
  PORT: '3333',
  HOST: '0.0.0.0',
  LOG_LEVEL: 'info',
  NODE_ENV: 'development',
  SESSION_DRIVER: 'cookie',
  LIMITER_STORE: 'database',
  COMPANY_TIMEZONE: 'Asia/Shanghai',
  BASE_CURRENCY: 'CNY',
  // AdminJS writes its component bundle here (read at startup, see app/modules/admin).
  ADMIN_JS_TMP_DIR: 'tmp/adminjs',
}

/** The keys .env sets (AdonisJS reads it later; it must still win over our defaults). */
function dotEnvKeys(): Set<string> {
  const file = join(APP_ROOT, '.env')
  return new Set(existsSync(file) ? Object.keys(parseEnv(readFileSync(file, 'utf8'))) : [])
}

/** tmp/app_key's key, generated once (random, 0600). */
export function persistentAppKey(): string {
  const file = join(APP_ROOT, APP_KEY_FILE)
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(join(APP_ROOT, 'tmp'), { recursive: true })
  const key = randomBytes(32).toString('base64url')
  try {
    writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' })
  } catch (error) {
    // another process wrote it first: use that one
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return readFileSync(file, 'utf8').trim()
  }
  return key
}

/** Sets each default the environment and .env leave unset (tests: .env does not count). */
export function applyDefaultEnv(
  defaults: Record<string, string | (() => string)>,
  { respectDotEnv = true } = {}
) {
  const fromDotEnv = respectDotEnv ? dotEnvKeys() : new Set<string>()
  for (const [key, value] of Object.entries({ ...BASE, ...defaults })) {
    if (fromDotEnv.has(key)) continue
    if (process.env[key] === undefined || process.env[key] === '') {
      process.env[key] = typeof value === 'function' ? value() : value
    }
  }
}

/**
 * What `npm start` and ace commands share: the embedded database's URL and the kept APP_KEY
 * (bin/start.ts starts the embedded server itself when DATABASE_URL was unset).
 */
export function applyProductDefaults(extra: Record<string, string> = {}) {
  applyDefaultEnv({
    DATABASE_URL: () => EMBEDDED_DATABASE.url,
    APP_KEY: persistentAppKey,
    ...extra,
  })
}

/** Whether DATABASE_URL is ours to provide (neither the environment nor .env sets it). */
export function databaseUrlIsUnset(): boolean {
  return !process.env.DATABASE_URL && !dotEnvKeys().has('DATABASE_URL')
}
