import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { LoginService } from '#modules/identity/public'
import {
  activeUser,
  panelActor,
  toPanelUser,
  type PanelUser,
} from '#modules/admin/panel/panel_user'

export const PANEL_SESSION_KEY = 'adminUser'
const LOGIN_PATH = '/admin/login'

/**
 * Runs on every authenticated panel request: re-reads the user so a deactivated user is logged out
 * and a changed role applies at once (AdminJS would otherwise trust the role stored at login).
 */
export async function refreshPanelUser(ctx: HttpContext, next: NextFn) {
  const stored = ctx.session.get(PANEL_SESSION_KEY) as PanelUser | undefined
  const user = await activeUser(stored)
  if (!user) {
    ctx.session.forget(PANEL_SESSION_KEY)
    return ctx.response.redirect(LOGIN_PATH)
  }
  ctx.session.put(PANEL_SESSION_KEY, toPanelUser(user))
  return next()
}

/** On the public panel routes: records the logout in the audit log before AdminJS forgets the user. */
export async function auditPanelLogout(ctx: HttpContext, next: NextFn) {
  const stored = ctx.session.get(PANEL_SESSION_KEY) as PanelUser | undefined
  if (stored && ctx.request.url() === '/admin/logout') {
    await new LoginService().recordLogout(panelActor(stored, ctx))
    await ctx.auth.use('web').logout()
  }
  return next()
}

/** For the panel's own plain routes (CSV export): the panel session, or the login page. */
export async function requirePanelUser(ctx: HttpContext): Promise<PanelUser | null> {
  const user = await activeUser(ctx.session.get(PANEL_SESSION_KEY) as PanelUser | undefined)
  return user ? toPanelUser(user) : null
}
