import { createHmac, timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { appKey } from '#config/app'

export interface Checkpoint {
  chain: number
  seq: number
  hash: string
  auditLogId: number
}

function mac(point: Pick<Checkpoint, 'chain' | 'seq' | 'hash'>): string {
  return createHmac('sha256', appKey.release())
    .update(`${point.chain}:${point.seq}:${point.hash}`)
    .digest('hex')
}

function signedBy(point: Checkpoint & { mac: string }): boolean {
  const expected = Buffer.from(mac(point))
  const given = Buffer.from(point.mac)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/**
 * The newest checkpoint of each chain (of its last five) that carries this app key's signature; a chain without one
 * (none yet, or signed by another key after a restore elsewhere) is verified from its genesis.
 */
export async function latestCheckpoints(
  client: QueryClientContract
): Promise<Map<number, Checkpoint>> {
  const result = await client.rawQuery(
    `SELECT chain, seq, hash, audit_log_id, mac FROM (
       SELECT *, row_number() OVER (PARTITION BY chain ORDER BY seq DESC) AS newest
         FROM audit_checkpoints) recent
      WHERE newest <= 5 ORDER BY chain, seq DESC`
  )
  const points = new Map<number, Checkpoint>()
  for (const row of result.rows) {
    const point = {
      chain: Number(row.chain),
      seq: Number(row.seq),
      hash: String(row.hash),
      auditLogId: Number(row.audit_log_id),
      mac: String(row.mac),
    }
    if (!points.has(point.chain) && signedBy(point)) points.set(point.chain, point)
  }
  return points
}

/**
 * Records the heads a verification found intact, each signed; a checkpoint already at that seq is
 * signed again (it may carry another key's signature, from before a restore).
 */
export async function recordCheckpoints(points: Checkpoint[]) {
  if (points.length === 0) return
  const values = points.map(() => '(?, ?, ?, ?, ?)').join(', ')
  const bindings = points.flatMap((point) => [
    point.chain,
    point.seq,
    point.hash,
    point.auditLogId,
    mac(point),
  ])
  await db.rawQuery(
    `INSERT INTO audit_checkpoints (chain, seq, hash, audit_log_id, mac) VALUES ${values}
       ON CONFLICT (chain, seq) DO UPDATE
         SET hash = EXCLUDED.hash, audit_log_id = EXCLUDED.audit_log_id, mac = EXCLUDED.mac,
             verified_at = now()`,
    bindings
  )
}
