import type { ResourceWithOptions } from 'adminjs'
import type { Permission } from '#modules/identity/public'
import { tableResource } from '#modules/admin/panel/resource_helpers'
import type { TableSpec } from '#modules/admin/panel/sql_resource'

type ResourceOptions = Omit<Parameters<typeof tableResource>[2], 'navigation'>

/** The sections of the panel's menu, each with its icon: several areas share one section. */
export const MENU = {
  customers: { name: 'customers', icon: 'Users' },
  money: { name: 'money', icon: 'DollarSign' },
  ledger: { name: 'ledger', icon: 'BookOpen' },
  approvals: { name: 'approvals', icon: 'CheckSquare' },
  alerts: { name: 'alerts', icon: 'AlertTriangle' },
  bank: { name: 'bank', icon: 'DollarSign' },
  reports: { name: 'reports', icon: 'FileText' },
  imports: { name: 'imports', icon: 'Upload' },
  integration: { name: 'integration', icon: 'Share2' },
  audit: { name: 'audit', icon: 'Shield' },
  system: { name: 'system', icon: 'Settings' },
} as const

type MenuSection = (typeof MENU)[keyof typeof MENU]

/** A table's resource: its id is the table's name unless told otherwise. */
export type AreaTable = Omit<TableSpec, 'id'> & { id?: string }

/**
 * One area of the panel (alerts, approvals, the ledger…): the menu section its pages sit under and
 * the permission that reads them, stated once for every resource of the area.
 */
export function panelArea(section: MenuSection, read: Permission) {
  const navigation = { name: section.name, icon: section.icon }
  return {
    /** A table's pages in this area (read-only; changes through `options.actions`). */
    resource: (table: AreaTable, options: ResourceOptions = {}): ResourceWithOptions =>
      tableResource({ ...table, id: table.id ?? table.table }, read, { navigation, ...options }),
  }
}
