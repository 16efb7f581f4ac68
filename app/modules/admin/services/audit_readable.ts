import db from '@adonisjs/lucid/services/db'
import type { Locale } from '#kernel/i18n'
import { stateAt } from '#modules/audit/public'
import { displayInstant } from '#modules/admin/panel/format'
import { entryWord } from '#modules/admin/panel/entry_catalogue'
import { propertyLabel } from '#modules/admin/panel/labels'

/** One changed field of an audit row: its path ("params.days"), the value before and after. */
export interface DiffRow {
  field: string
  before: string | null
  after: string | null
}

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A value as one line of text: instants in the company time zone, objects and lists as compact
 * JSON, null as null.
 */
function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string' && ISO_INSTANT.test(value)) return displayInstant(value)
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** Nested objects flattened to dotted paths ({params: {days: 3}} → "params.days": "3"). */
function flatten(value: unknown, prefix = '', into: Record<string, string | null> = {}) {
  if (!isObject(value)) return into
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (isObject(inner) && Object.keys(inner).length > 0) flatten(inner, path, into)
    else into[path] = text(inner)
  }
  return into
}

/**
 * The fields an audit row changed, in the order the record lists them: a creation lists every
 * field it set, a change only the fields whose value differs (old → new).
 */
export function auditDiff(before: unknown, after: unknown): DiffRow[] {
  const old = flatten(before)
  const now = flatten(after)
  const fields = [...new Set([...Object.keys(old), ...Object.keys(now)])]
  return fields
    .map((field) => ({ field, before: old[field] ?? null, after: now[field] ?? null }))
    .filter((row) => row.before !== row.after)
}

/** A field's label in the panel (its last path segment's label; unknown fields as they are). */
export function fieldLabelOf(locale: Locale, field: string) {
  const own = propertyLabel(locale, undefined, field)
  if (own) return own
  const last = field.split('.').pop()!
  const label = propertyLabel(locale, undefined, last)
  return label ? field.replace(new RegExp(`${last}$`), label) : field
}

/**
 * A record as it was at `at`, from the audit rows (every change stores the record after it):
 * its fields labelled in `locale`, and the changes that led there with who made them.
 */
export async function recordAt(locale: Locale, entityType: string, entityId: string, at: Date) {
  const found = await stateAt(entityType, entityId, at)
  const actors = await actorNames(found.changes.map((c) => c.actorId))
  const fields = flatten(found.state)
  return {
    entity: `${entryWord(locale, 'entityTypes', entityType)} ${entityId}`,
    at: displayInstant(found.at),
    exists: found.exists,
    asOfAuditId: found.asOfAuditId,
    state: Object.entries(fields).map(([field, value]) => ({
      field,
      label: fieldLabelOf(locale, field),
      value: value ?? '—',
    })),
    changes: found.changes.map((c) => ({
      id: c.id,
      occurredAt: displayInstant(c.occurredAt),
      action: entryWord(locale, 'auditActions', c.action),
      actor: c.actorId ? (actors.get(Number(c.actorId)) ?? `#${c.actorId}`) : '—',
    })),
  }
}

async function actorNames(ids: Array<number | string | null>) {
  const wanted = [...new Set(ids.filter((id) => id !== null).map(Number))]
  const rows = wanted.length
    ? await db.from('users').whereIn('id', wanted).select('id', 'full_name')
    : []
  return new Map(rows.map((r) => [Number(r.id), String(r.full_name)]))
}
