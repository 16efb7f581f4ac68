/*
| Environment variables are validated once at boot so a misconfiguration fails loudly.
*/
import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  APP_KEY: Env.schema.string(),
  HOST: Env.schema.string({ format: 'host' }),
  LOG_LEVEL: Env.schema.string(),
  DATABASE_URL: Env.schema.string(),
  DB_POOL_MAX: Env.schema.number.optional(),
  /** a streaming replica of DATABASE_URL for report and statement reads (app/kernel/read_replica.ts) */
  DATABASE_REPLICA_URL: Env.schema.string.optional(),
  /** how long a read waits for the replica to replay what the primary had; then it reads the primary */
  REPLICA_MAX_WAIT_MS: Env.schema.number.optional(),
  /** proxies allowed to forward the client's address: proxy-addr names/CIDRs, comma-separated */
  TRUSTED_PROXIES: Env.schema.string.optional(),
  SESSION_DRIVER: Env.schema.enum(['cookie', 'memory'] as const),
  LIMITER_STORE: Env.schema.enum(['database', 'memory'] as const),
  COMPANY_NAME: Env.schema.string.optional(),
  COMPANY_TIMEZONE: Env.schema.string.optional(),
  BASE_CURRENCY: Env.schema.string.optional(),
  /** imports: counter account of opening balances (default 4190 期初余额调整) and the go-live date */
  OPENING_BALANCE_ACCOUNT: Env.schema.string.optional(),
  GO_LIVE_DATE: Env.schema.string.optional(),
  /** backups (app/modules/backup): where, when (cron, company time; off disables), how many kept */
  BACKUP_DIR: Env.schema.string.optional(),
  BACKUP_CRON: Env.schema.string.optional(),
  BACKUP_RETAIN_DAILY: Env.schema.number.optional(),
  BACKUP_RETAIN_MONTHLY: Env.schema.number.optional(),
  BACKUP_FORMAT: Env.schema.enum.optional(['auto', 'pg_dump', 'copy'] as const),
  /** a folder holding pg_dump / pg_restore of the server's major version (else found on the machine) */
  PG_BIN_DIR: Env.schema.string.optional(),
  // Outgoing mail (config/mail.ts): without SMTP_HOST, mail is written to MAIL_OUTBOX_DIR as .eml.
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_SECURE: Env.schema.boolean.optional(),
  SMTP_IGNORE_TLS: Env.schema.boolean.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),
  MAIL_FROM_ADDRESS: Env.schema.string.optional(),
  MAIL_FROM_NAME: Env.schema.string.optional(),
  MAIL_OUTBOX_DIR: Env.schema.string.optional(),
  // the product's address as people reach it, for links in emails (notifications)
  APP_URL: Env.schema.string.optional(),
  /** cookies only over HTTPS (default: in production; npm start serves plain HTTP and sets false) */
  COOKIE_SECURE: Env.schema.boolean.optional(),
  /** the background worker inside the web process: on (npm start's default) or off */
  WORKER: Env.schema.enum.optional(['on', 'off'] as const),
  /** PDFs' browser: auto (CHROMIUM_PATH, else /usr/bin/chromium, else npm's), system or bundled */
  PDF_BROWSER: Env.schema.enum.optional(['auto', 'system', 'bundled'] as const),
  CHROMIUM_PATH: Env.schema.string.optional(),
  /** webhooks may target loopback/private/link-local addresses (default false: SSRF guard) */
  WEBHOOK_ALLOW_PRIVATE: Env.schema.boolean.optional(),
  /** delivered/dead outbox events and webhook delivery logs older than this many days are purged */
  OUTBOX_RETENTION_DAYS: Env.schema.number.optional(),
  /** days a finished report export keeps its file; then the row stays, `expired`, without it */
  REPORT_EXPORT_RETENTION_DAYS: Env.schema.number.optional(),
  /** the address customers reach this server at: statement confirmation links (default http://localhost:PORT) */
  PUBLIC_URL: Env.schema.string.optional(),
  /** statement confirmation: link lifetime and the reminder to unanswered customers (days) */
  STATEMENT_LINK_DAYS: Env.schema.number.optional(),
  STATEMENT_REMINDER_DAYS: Env.schema.number.optional(),
  /** requests a minute per client address to the public statement pages (default 30) */
  STATEMENT_LINK_RATE: Env.schema.number.optional(),
})
