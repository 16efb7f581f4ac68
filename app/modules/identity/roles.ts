/**
 * Roles and what each may do. This table is the single statement of the permission rules: Bouncer
 * policies, the admin panel and the tests all read it.
 */
export const ROLES = [
  'admin',
  'sales',
  'finance',
  'finance_manager',
  'auditor',
  'executive',
] as const
export type Role = (typeof ROLES)[number]

const everyone: readonly Role[] = ROLES

export const PERMISSIONS = {
  'customers.read': everyone,
  'customers.write': ['admin', 'sales', 'finance', 'finance_manager'],
  'ledger.read': ['admin', 'sales', 'finance', 'finance_manager', 'auditor', 'executive'],
  'receipts.post': ['sales', 'finance', 'finance_manager'],
  'applications.post': ['finance', 'finance_manager'],
  'refunds.post': ['finance', 'finance_manager'],
  'adjustments.post': ['finance', 'finance_manager'],
  'reversals.post': ['finance', 'finance_manager'],
  'periods.read': everyone,
  'periods.close': ['finance_manager'],
  // 期末汇兑重估 (month-end FX revaluation), run by finance per period
  'fx.revalue': ['finance', 'finance_manager'],
  'exchange_rates.write': ['finance', 'finance_manager'],
  'users.manage': ['admin'],
  'audit.read': ['auditor', 'admin'],
  'approvals.read': everyone,
  // Who an approval rule's level may name: never the read-only roles, nor sales (the requesters).
  'approvals.decide': ['admin', 'finance', 'finance_manager'],
  'approval_rules.manage': ['admin'],
  'installments.write': ['admin', 'sales', 'finance', 'finance_manager'],
  'alerts.read': ['admin', 'sales', 'finance', 'finance_manager', 'auditor', 'executive'],
  'alerts.manage': ['sales', 'finance', 'finance_manager'],
  'alert_rules.manage': ['admin'],
  'reports.read': ['executive', 'finance_manager', 'finance', 'auditor', 'admin'],
  'reports.manage': ['finance_manager'],
  // statements: preview and send now; resolve a customer's dispute, reopen an answer (对账确认)
  'statements.send': ['finance', 'finance_manager'],
  'statements.resolve': ['finance', 'finance_manager'],
  'webhooks.manage': ['admin'],
  // 凭证导出 and the account mapping it reads (科目对照)
  'vouchers.export': ['finance', 'finance_manager', 'auditor'],
  'voucher_mapping.manage': ['finance', 'finance_manager'],
  // Bank statements and 到账确认 (app/modules/banking)
  'bank.read': ['finance', 'finance_manager', 'auditor', 'admin', 'executive'],
  'bank.import': ['finance', 'finance_manager'],
  'bank.match': ['finance', 'finance_manager'],
  'bank.manage': ['finance_manager', 'admin'],
  'receipts.confirm': ['finance', 'finance_manager'],
  // the backup catalogue (app/modules/backup): written by the worker and `backup:create`
  'backups.read': ['admin', 'auditor'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function hasPermission(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role)
}

/** Sales staff work only with the customers they own; every other role sees all customers. */
export function seesOnlyOwnCustomers(role: string): boolean {
  return role === 'sales'
}
