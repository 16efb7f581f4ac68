import { createHash } from 'node:crypto'

/** Number of independent hash chains: writers pick one per transaction, so they rarely queue. */
export const AUDIT_CHAINS = 16
export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every level, so the same row always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function chainHash(prevHash: string, row: unknown): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex')
}
