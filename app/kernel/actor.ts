import type { HttpContext } from '@adonisjs/core/http'

/** Who is acting and from where: carried into every audit row. */
export interface Actor {
  userId: number | null
  role: string | null
  ip: string | null
  userAgent: string | null
  requestId: string | null
}

export function actorFromHttp(ctx: HttpContext): Actor {
  const user = ctx.auth?.user
  return {
    userId: user?.id ?? null,
    role: user?.role ?? null,
    ip: ctx.request.ip(),
    userAgent: ctx.request.header('user-agent') ?? null,
    requestId: ctx.request.id() ?? null,
  }
}

/** The actor for work started from the command line or a scheduler. */
export function systemActor(source: string, user?: { id: number; role: string }): Actor {
  return {
    userId: user?.id ?? null,
    role: user?.role ?? 'system',
    ip: source,
    userAgent: null,
    requestId: null,
  }
}
