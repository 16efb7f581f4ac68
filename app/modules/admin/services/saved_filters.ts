import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#kernel/actor'
import { NotFound } from '#kernel/errors'
import { runInTransaction } from '#kernel/unit_of_work'

/** Only the list's own parameters are kept: its filters and its sort (never a page or a token). */
export function keptQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ''))
  const kept = new URLSearchParams()
  params.forEach((value, key) => {
    if (key.startsWith('filters.') || key === 'sortBy' || key === 'direction')
      kept.append(key, value)
  })
  return kept.toString()
}

/**
 * Saved filters of the panel's lists, per user (已保存的筛选). Saving one under an existing name
 * replaces it; each change is audited in its own unit of work.
 */
export class SavedFilters {
  async list(userId: number, resourceId: string) {
    const rows = await db
      .from('panel_saved_filters')
      .select('id', 'name', 'query')
      .where({ user_id: userId, resource_id: resourceId })
      .orderBy('name')
    return rows.map((r) => ({ id: Number(r.id), name: r.name, query: r.query }))
  }

  async save(actor: Actor & { userId: number }, resourceId: string, name: string, query: string) {
    return runInTransaction(actor, async (uow) => {
      const result = await uow.trx.rawQuery(
        `INSERT INTO panel_saved_filters (user_id, resource_id, name, query) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, resource_id, name) DO UPDATE SET query = EXCLUDED.query
         RETURNING id, name, query`,
        [actor.userId, resourceId, name, keptQuery(query)]
      )
      const row = result.rows[0]
      const saved = { id: Number(row.id), name: row.name, query: row.query }
      uow.audit({
        entityType: 'panel_saved_filter',
        entityId: saved.id,
        action: 'save',
        after: { resourceId, ...saved },
      })
      return saved
    })
  }

  async remove(actor: Actor & { userId: number }, id: number) {
    return runInTransaction(actor, async (uow) => {
      const row = await uow.trx
        .from('panel_saved_filters')
        .where({ id, user_id: actor.userId })
        .first()
      if (!row) throw new NotFound('saved filter')
      await uow.trx.from('panel_saved_filters').where('id', id).delete()
      uow.audit({
        entityType: 'panel_saved_filter',
        entityId: id,
        action: 'delete',
        before: { name: row.name, query: row.query },
      })
    })
  }
}
