import type { ApplicationService } from '@adonisjs/core/types'

/**
 * Completes the AdminJS configuration (config/adminjs.ts) once the app is booted: the panel's
 * resources, auth provider and middleware need the database and services, which config files may
 * not import. Must be listed before `@adminjs/adonis/adminjs_provider`, whose start() mounts /admin.
 */
export default class AdminPanelProvider {
  constructor(protected app: ApplicationService) {}

  async start() {
    const { default: AdminJS } = await import('adminjs')
    const { SqlDatabase, SqlResource } = await import('#modules/admin/panel/sql_resource')
    const { buildPanelOptions } = await import('#modules/admin/panel/options')
    const { PanelAuthProvider } = await import('#modules/admin/panel/auth_provider')
    const { auditPanelLogout, refreshPanelUser } =
      await import('#modules/admin/middleware/panel_session_middleware')
    const { decodePanelParams } = await import('#modules/admin/middleware/panel_params_middleware')
    AdminJS.registerAdapter({ Database: SqlDatabase, Resource: SqlResource })
    this.app.config.set('adminjs.adminjs', buildPanelOptions())
    this.app.config.set('adminjs.auth', {
      enabled: true,
      provider: new PanelAuthProvider(),
      middlewares: [refreshPanelUser, decodePanelParams],
    })
    this.app.config.set('adminjs.middlewares', [auditPanelLogout])
  }
}
