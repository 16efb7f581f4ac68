/*
| Rate limits of public routes (no login): defined once, used by the routes as middleware.
*/
import limiter from '@adonisjs/limiter/services/main'
import env from '#start/env'

/** The statement confirmation pages (/s/…): per client address, STATEMENT_LINK_RATE a minute (30). */
export const statementLinkThrottle = limiter.define('statement_links', (ctx) =>
  limiter
    .allowRequests(env.get('STATEMENT_LINK_RATE') ?? 30)
    .every('1 minute')
    .usingKey(`statement_link_${ctx.request.ip()}`)
)
