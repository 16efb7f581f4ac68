import { createHash, randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import pg from 'pg'
import * as tar from 'tar'
import { dumpTables } from '#modules/backup/services/copy_archive'
import { readFacts, type BackupManifest } from '#modules/backup/services/manifest'
import { findPgTool, runPgTool, serverMajor } from '#modules/backup/services/pg_tools'

/** `auto`: pg_dump when a matching one is installed, else the COPY archive. */
export const BACKUP_FORMATS = ['auto', 'pg_dump', 'copy'] as const
export type BackupFormat = (typeof BACKUP_FORMATS)[number]

export interface CreatedBackup {
  file: string
  bytes: number
  sha256: string
  manifest: BackupManifest
}

export const MANIFEST_FILE = 'manifest.json'
export const PG_DUMP_FILE = 'database.dump'

/**
 * One consistent backup of the application's database as a single tar file: the dump and a
 * manifest of what it holds. The manifest's figures, the pg_dump (through an exported snapshot) or
 * the COPY archive are all read from one repeatable-read snapshot, so they describe the same moment
 * while postings go on.
 */
export async function createBackup(options: {
  databaseUrl: string
  outDir: string
  format?: BackupFormat
  now?: Date
}): Promise<CreatedBackup> {
  await mkdir(options.outDir, { recursive: true })
  const work = await mkdtemp(join(options.outDir, '.partial-'))
  try {
    const { format, facts, files } = await dumpInSnapshot(options.databaseUrl, work, options.format)
    const manifest: BackupManifest = {
      manifestVersion: 1,
      format,
      createdAt: (options.now ?? new Date()).toISOString(),
      ...facts,
      files: {},
    }
    for (const file of files) manifest.files[file] = await fileDigest(join(work, file))
    await writeFile(join(work, MANIFEST_FILE), JSON.stringify(manifest, null, 2))
    const stamp = manifest.createdAt.replace(/[-:]/g, '').replace('.', '')
    const name = `advance-ledger-${stamp}-${randomBytes(3).toString('hex')}.backup`
    const target = join(options.outDir, name)
    await tar.c({ file: `${target}.partial`, cwd: work, portable: true }, [MANIFEST_FILE, ...files])
    await rename(`${target}.partial`, target)
    const digest = await fileDigest(target)
    return { file: target, bytes: digest.bytes, sha256: digest.sha256, manifest }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

async function dumpInSnapshot(databaseUrl: string, dir: string, wanted: BackupFormat = 'auto') {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const exported = await client.query('SELECT pg_export_snapshot() AS id')
    const snapshot = exported.rows[0].id
    const facts = await readFacts(client)
    const pgDump =
      wanted === 'copy' ? null : await findPgTool('pg_dump', serverMajor(facts.serverVersion))
    if (wanted === 'pg_dump' && !pgDump)
      throw new Error(`no pg_dump for PostgreSQL ${facts.serverVersion} on this machine`)
    let files: string[]
    if (pgDump) {
      const args = [
        '--format=custom',
        `--snapshot=${snapshot}`,
        `--file=${join(dir, PG_DUMP_FILE)}`,
      ]
      await runPgTool(pgDump, args, databaseUrl)
      files = [PG_DUMP_FILE]
    } else {
      files = await dumpTables(client, dir)
    }
    await client.query('COMMIT')
    return { format: pgDump ? ('pg_dump' as const) : ('copy' as const), facts, files }
  } finally {
    await client.end()
  }
}

export async function fileDigest(path: string) {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk)
  const info = await stat(path)
  return { sha256: hash.digest('hex'), bytes: info.size }
}
