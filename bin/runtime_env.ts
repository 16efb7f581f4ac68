import { randomBytes } from 'node:crypto'

/**
 * Defaults for a machine with no .env: the two README commands must work on a fresh clone. Values
 * already in the environment (or in .env, which AdonisJS reads later) always win.
 */
export function applyDefaultEnv(defaults: Record<string, string>) {
  const base: Record<string, string> = {
    TZ: 'UTC',
    PORT: '3333',
    HOST: '0.0.0.0',
    LOG_LEVEL: 'info',
    APP_KEY: randomBytes(24).toString('hex'),
    NODE_ENV: 'development',
    SESSION_DRIVER: 'cookie',
    LIMITER_STORE: 'database',
    COMPANY_TIMEZONE: 'Asia/Shanghai',
    BASE_CURRENCY: 'CNY',
    // AdminJS writes its component bundle here (read at startup, see app/modules/admin).
    ADMIN_JS_TMP_DIR: 'tmp/adminjs',
  }
  for (const [key, value] of Object.entries({ ...base, ...defaults })) {
    if (process.env[key] === undefined || process.env[key] === '') process.env[key] = value
  }
}
