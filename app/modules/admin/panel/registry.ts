import type { LocaleTranslations, ResourceWithOptions } from 'adminjs'
import type { PanelUser } from '#modules/admin/panel/panel_user'

/** A card on the dashboard contributed by a module (pending approvals, open alerts…). */
export interface DashboardSection {
  /** 'pendingApprovals' and 'openAlerts' fill the dashboard's reserved cards. */
  key: string
  title: string
  /** A headline figure (e.g. requests awaiting this user), shown above the items. */
  count?: number
  items: Array<{ label: string; value: string; href?: string }>
}

/**
 * What a module adds to the back-office: its resources (with their service-backed actions), their
 * zh-CN / English labels and dashboard cards. A new module (approvals, alerts, reports) adds one
 * file exporting a PanelModule and one line in panel/modules.ts.
 */
export interface PanelModule {
  name: string
  resources: () => ResourceWithOptions[]
  translations?: { 'zh-CN'?: LocaleTranslations; 'en'?: LocaleTranslations }
  dashboard?: (user: PanelUser) => Promise<DashboardSection[]>
}

const modules: PanelModule[] = []

export function registerPanelModule(module: PanelModule) {
  if (!modules.some((m) => m.name === module.name)) modules.push(module)
}

export function panelModules(): readonly PanelModule[] {
  return modules
}
