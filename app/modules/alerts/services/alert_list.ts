import db from '@adonisjs/lucid/services/db'
import type { Infer } from '@vinejs/vine/types'
import { reachCondition } from '#modules/customers/public'
import type { User } from '#modules/identity/public'
import { ALERT_SELECT, alertView } from '#modules/alerts/services/alert_views'
import type { listAlertsValidator } from '#modules/alerts/validators/alert_validators'

type AlertFilters = Infer<typeof listAlertsValidator>

/** GET /alerts: a page of the alerts the user reaches, newest first, in the user's language. */
export async function listAlerts(filters: AlertFilters, user: User) {
  const where: string[] = []
  const bindings: Record<string, unknown> = {}
  const add = (clause: string, values: Record<string, unknown>) => {
    where.push(clause)
    Object.assign(bindings, values)
  }
  if (filters.status === 'unresolved') add("a.status <> 'resolved'", {})
  else if (filters.status) add('a.status = :status', { status: filters.status })
  if (filters.severity) add('a.severity = :severity', { severity: filters.severity })
  if (filters.customerId) add('a.customer_id = :customerId', { customerId: filters.customerId })
  if (filters.ruleType) add('a.rule_type = :ruleType', { ruleType: filters.ruleType })
  const reach = reachCondition(user, 'a.customer_id')
  if (reach) add(reach, {})
  const condition = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const perPage = filters.perPage ?? 50
  const page = filters.page ?? 1
  const rows = await db.rawQuery(
    `${ALERT_SELECT} ${condition} ORDER BY a.id DESC LIMIT :limit OFFSET :offset`,
    { ...bindings, limit: perPage, offset: (page - 1) * perPage }
  )
  const total = await db.rawQuery(
    `SELECT count(*)::int AS total FROM alerts a LEFT JOIN customers c ON c.id = a.customer_id ${condition}`,
    bindings
  )
  return {
    data: rows.rows.map((row: any) => alertView(row, user.locale)),
    meta: { total: Number(total.rows[0].total), page, perPage },
  }
}
