import { defineConfig } from '@adonisjs/shield'

const shieldConfig = defineConfig({
  csp: { enabled: false, directives: {}, reportOnly: false },
  csrf: {
    enabled: true,
    // The JSON API authenticates with bearer tokens (no ambient cookie), and AdminJS has its own
    // session login and posts without our CSRF token. A statement link (/s/) is its own credential:
    // no cookie authenticates it, so another site cannot ride anything.
    exceptRoutes: (ctx) =>
      ctx.request.url().startsWith('/api/') ||
      ctx.request.url().startsWith('/admin') ||
      ctx.request.url().startsWith('/s/'),
    enableXsrfCookie: false,
    methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  },
  xFrame: { enabled: true, action: 'DENY' },
  hsts: { enabled: true, maxAge: '180 days' },
  contentTypeSniffing: { enabled: true },
})

export default shieldConfig
