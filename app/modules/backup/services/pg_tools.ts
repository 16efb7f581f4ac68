import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * PostgreSQL's own pg_dump / pg_restore, when this machine has a version that can read the
 * server (pg_dump refuses a server newer than itself). The embedded server of `npm start` ships
 * without them: the backup then falls back to the COPY archive (copy_archive.ts).
 */
export async function findPgTool(
  tool: 'pg_dump' | 'pg_restore',
  minimumMajor: number
): Promise<string | null> {
  for (const candidate of candidates(tool)) {
    const major = await toolMajor(candidate)
    if (major !== null && major >= minimumMajor) return candidate
  }
  return null
}

function candidates(tool: string): string[] {
  const list: string[] = []
  if (process.env.PG_BIN_DIR) list.push(join(process.env.PG_BIN_DIR, tool))
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a))
    for (const version of versions) list.push(join(debian, version, 'bin', tool))
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) list.push(join(dir, tool))
  return list.filter((path) => existsSync(path))
}

async function toolMajor(path: string): Promise<number | null> {
  try {
    const { stdout } = await run(path, ['--version'], { timeout: 10_000 })
    const match = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ''))
    return match ? Number(match[1]) : null
  } catch {
    return null
  }
}

/** Runs a PostgreSQL tool, its password (if any) passed in the environment, not the command line. */
export async function runPgTool(path: string, args: string[], databaseUrl: string) {
  const url = new URL(databaseUrl)
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) }
  url.password = ''
  await run(path, [...args, `--dbname=${url.toString()}`], {
    env,
    maxBuffer: 16 * 1024 * 1024,
    timeout: 6 * 3600_000,
  })
}

export function serverMajor(serverVersion: string): number {
  return Number(/^(\d+)/.exec(serverVersion)?.[1] ?? 0)
}
