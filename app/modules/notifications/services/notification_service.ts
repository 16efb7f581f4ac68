import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import type { Locale } from '#kernel/i18n'
import type { UnitOfWork } from '#kernel/unit_of_work'
import {
  DEFAULT_DELIVERY,
  NOTIFICATION_KINDS,
  type Delivery,
  type NotificationKind,
} from '#modules/notifications/notification_kinds'
import {
  notificationView,
  type NotificationRow,
} from '#modules/notifications/services/notification_views'

export interface InboxQuery {
  unread?: boolean
  beforeId?: number
  limit?: number
}

/**
 * A person's own notifications (the API and the panel's bell): the list, the unread count, marking
 * read, and their preferences. Every query is scoped to the caller: nobody reads another's inbox.
 */
export class NotificationService {
  async inbox(userId: number, locale: Locale, query: InboxQuery = {}) {
    const limit = query.limit ?? 20
    const rows: NotificationRow[] = await db
      .from('notifications')
      .where('user_id', userId)
      .where('in_app', true)
      .if(query.unread, (q) => q.whereNull('read_at'))
      .if(query.beforeId, (q) => q.where('id', '<', query.beforeId!))
      .orderBy('id', 'desc')
      .limit(limit)
    return {
      data: rows.map((row) => notificationView(row, locale)),
      unread: await this.unreadCount(userId),
    }
  }

  async unreadCount(userId: number): Promise<number> {
    const row = await db
      .from('notifications')
      .where('user_id', userId)
      .where('in_app', true)
      .whereNull('read_at')
      .count('* as count')
      .first()
    return Number(row?.count ?? 0)
  }

  /** Marks one of the caller's notifications read (again: nothing changes); 404 for another's. */
  async markRead(uow: UnitOfWork, userId: number, id: number, locale: Locale) {
    const row: NotificationRow | null = await uow.trx
      .from('notifications')
      .where({ id, user_id: userId, in_app: true })
      .forUpdate()
      .first()
    if (!row) throw new NotFound('notification')
    if (row.read_at === null) {
      const [updated] = await uow.trx
        .from('notifications')
        .where('id', id)
        .update({ read_at: new Date() })
        .returning('*')
      uow.audit({ entityType: 'notification', entityId: id, action: 'read' })
      return notificationView(updated, locale)
    }
    return notificationView(row, locale)
  }

  /** Marks every unread notification of the caller read; returns how many were. */
  async markAllRead(uow: UnitOfWork, userId: number) {
    const result = await uow.trx.rawQuery(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = ? AND in_app AND read_at IS NULL RETURNING id`,
      [userId]
    )
    const ids = result.rows.map((row: { id: string }) => Number(row.id))
    if (ids.length > 0) {
      uow.audit({ entityType: 'notification', entityId: null, action: 'read_all', after: { ids } })
    }
    return { marked: ids.length, unread: 0 }
  }

  /** Every kind with the caller's choice (the default where none was made). */
  async preferences(userId: number, client = db.connection()) {
    const rows = await client.from('notification_preferences').where('user_id', userId)
    const chosen = new Map<string, Delivery>(rows.map((row: any) => [row.kind, row.delivery]))
    return {
      data: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        delivery: chosen.get(kind) ?? DEFAULT_DELIVERY,
      })),
    }
  }

  async setPreferences(
    uow: UnitOfWork,
    userId: number,
    choices: Array<{ kind: NotificationKind; delivery: Delivery }>
  ) {
    const before = await this.preferences(userId, uow.trx)
    for (const choice of choices) {
      await uow.trx.rawQuery(
        `INSERT INTO notification_preferences (user_id, kind, delivery) VALUES (?, ?, ?)
         ON CONFLICT (user_id, kind) DO UPDATE SET delivery = excluded.delivery, updated_at = now()`,
        [userId, choice.kind, choice.delivery]
      )
    }
    const after = await this.preferences(userId, uow.trx)
    uow.audit({
      entityType: 'notification_preferences',
      entityId: userId,
      action: 'update',
      before: before.data,
      after: after.data,
    })
    return after
  }
}
