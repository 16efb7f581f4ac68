import type { HttpContext } from '@adonisjs/core/http'
import type { ActionRequest } from 'adminjs'
import { User } from '#modules/identity/public'
import { hasPermission, type Permission } from '#modules/identity/public'
import { actorFromHttp, type Actor } from '#kernel/actor'
import { localeOf, type Locale } from '#kernel/i18n'
import { withinReach } from '#modules/customers/public'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'

/** What the panel keeps in the session as AdminJS's `currentAdmin` (refreshed from users on each request). */
export interface PanelUser {
  id: number
  email: string
  title: string
  role: string
  locale: string
}

export function toPanelUser(user: User): PanelUser {
  return {
    id: user.id,
    email: user.email,
    title: user.fullName,
    role: user.role,
    locale: user.locale,
  }
}

/** The role check every panel resource and action uses: the same table as the API (roles.ts). */
export function can(user: { role: string } | undefined | null, permission: Permission): boolean {
  return Boolean(user) && hasPermission(user!.role, permission)
}

/** An AdminJS isAccessible/isVisible function for one permission. */
export const allows =
  (permission: Permission) =>
  ({ currentAdmin }: { currentAdmin?: unknown }) =>
    can(currentAdmin as PanelUser | undefined, permission)

/** The panel user's own language (users.locale, refreshed into the session on every request). */
export const panelLocale = (currentAdmin?: unknown): Locale =>
  localeOf((currentAdmin as PanelUser | undefined)?.locale)

/** Sales see only rows of customers they own; `column` names the customer id of the row. */
export function ownCustomersOnly(column: string) {
  return (query: DatabaseQueryBuilderContract, user: PanelUser) => {
    withinReach(query, user, column)
  }
}

/** The acting user, re-read from the database: a deactivated or demoted user loses access at once. */
export async function activeUser(panelUser: PanelUser | undefined): Promise<User | null> {
  if (!panelUser) return null
  const user = await User.find(panelUser.id)
  return user && user.isActive ? user : null
}

/** Audit actor for a panel request: user, address, user agent and request id of the HTTP call. */
export function panelActor(user: { id: number; role: string }, ctx: HttpContext | null): Actor {
  const from = ctx ? actorFromHttp(ctx) : { ip: null, userAgent: null, requestId: null }
  return { ...from, userId: user.id, role: user.role }
}

/**
 * The HTTP call behind an AdminJS action. @adminjs/adonis builds the action's request by spreading
 * AdonisJS's Request, which carries its HttpContext (so the panel needs no async local storage).
 */
export function httpContextOf(request: ActionRequest | unknown): HttpContext | null {
  return (request as { ctx?: HttpContext } | undefined)?.ctx ?? null
}

/**
 * Who performs a panel action that changes something: the session's user re-read from the
 * database (activeUser), allowed `permission`, with the audit actor of the HTTP call. Null when
 * the user is gone, deactivated or not allowed.
 */
export async function actingUser(
  currentAdmin: unknown,
  request: ActionRequest,
  permission: Permission
): Promise<{ user: User; actor: Actor } | null> {
  const user = await activeUser(currentAdmin as PanelUser | undefined)
  if (!user || !can(user, permission)) return null
  return { user, actor: panelActor(user, httpContextOf(request)) }
}
