/*
| AdminJS back-office at /admin (@adminjs/adonis). Only the static part lives here: the resources,
| the auth provider (the app's own users through LoginService) and the session middleware are set by
| app/modules/admin/admin_panel_provider.ts once the app is booted, because they need the database.
| Our own SQL adapter replaces the Lucid one (adapter.enabled = false): it scopes rows per role and
| never counts big tables in full.
*/
const adminjsConfig = {
  adapter: { enabled: false },
  adminjs: { rootPath: '/admin' },
  auth: { enabled: true, middlewares: [] as unknown[] },
  middlewares: [] as unknown[],
}

export default adminjsConfig
