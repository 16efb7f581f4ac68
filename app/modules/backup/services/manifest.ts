import type pg from 'pg'

/**
 * What a backup claims about the moment it was taken, read inside the dump's own snapshot: a
 * restore is proven by finding exactly these figures again in the restored database.
 */
export interface BackupManifest {
  /** 1: this layout */
  manifestVersion: 1
  /** `pg_dump`: PostgreSQL's custom format; `copy`: our COPY-per-table archive (no pg_dump found) */
  format: 'pg_dump' | 'copy'
  createdAt: string
  serverVersion: string
  /** the migrations applied, in order: a restore of the copy format needs the same list */
  schema: { migrations: string[]; last: string | null }
  /** the last journal and audit row the backup holds */
  ledgerPosition: { journalId: number; auditLogId: number }
  rowCounts: Record<string, number>
  chainHeads: ChainHead[]
  /** SHA-256 of each file of the archive besides this manifest */
  files: Record<string, { sha256: string; bytes: number }>
}

export interface ChainHead {
  chain: number
  seq: number
  hash: string
}

/** The tables of the application's schema (the job queue's own schema is not counted). */
export async function applicationTables(client: pg.ClientBase): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname`
  )
  return result.rows.map((row) => row.name)
}

/** The figures of the manifest, as the given connection's snapshot sees them. */
export async function readFacts(client: pg.ClientBase) {
  const tables = await applicationTables(client)
  const rowCounts: Record<string, number> = {}
  for (const table of tables) {
    const result = await client.query(`SELECT count(*)::bigint AS n FROM public."${table}"`)
    rowCounts[table] = Number(result.rows[0].n)
  }
  const applied = tables.includes('adonis_schema')
    ? await client.query<{ name: string }>('SELECT name FROM adonis_schema ORDER BY id')
    : { rows: [] }
  const migrations = applied.rows.map((row) => row.name)
  const heads = tables.includes('audit_chain_heads')
    ? await client.query('SELECT chain, seq, hash FROM audit_chain_heads ORDER BY chain')
    : { rows: [] }
  const position = await client.query(
    `SELECT (SELECT coalesce(max(id), 0) FROM journals) AS journal_id,
            (SELECT coalesce(max(id), 0) FROM audit_logs) AS audit_log_id`
  )
  const version = await client.query('SHOW server_version')
  return {
    serverVersion: String(version.rows[0].server_version),
    schema: { migrations, last: migrations.at(-1) ?? null },
    ledgerPosition: {
      journalId: Number(position.rows[0].journal_id),
      auditLogId: Number(position.rows[0].audit_log_id),
    },
    rowCounts,
    chainHeads: heads.rows.map((row: any) => ({
      chain: Number(row.chain),
      seq: Number(row.seq),
      hash: String(row.hash),
    })),
  }
}

export type BackupFacts = Awaited<ReturnType<typeof readFacts>>

/** Where the restored database differs from the manifest: empty when it is the same moment. */
export function compareFacts(expected: BackupFacts, actual: BackupFacts): string[] {
  const differences: string[] = []
  for (const [table, count] of Object.entries(expected.rowCounts)) {
    if (actual.rowCounts[table] !== count)
      differences.push(`${table}: ${actual.rowCounts[table] ?? 'missing'} rows, expected ${count}`)
  }
  if (JSON.stringify(actual.chainHeads) !== JSON.stringify(expected.chainHeads))
    differences.push('audit chain heads differ from the manifest')
  if (JSON.stringify(actual.ledgerPosition) !== JSON.stringify(expected.ledgerPosition))
    differences.push('ledger position differs from the manifest')
  return differences
}
