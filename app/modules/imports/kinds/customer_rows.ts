import { isWithinReach } from '#modules/customers/public'
import type { ImportContext } from '#modules/imports/services/import_context'
import type { CodeLookups, CustomerRef } from '#modules/imports/services/lookups'
import { validateRow } from '#modules/imports/services/row_checks'

/**
 * The customer a row names, with the API's checks: it exists, and a caller who sees only their own
 * customers (sales) owns it. Null (and the error on the row) otherwise.
 */
export function rowCustomer(
  ctx: ImportContext,
  lookups: CodeLookups,
  row: number,
  code: string
): CustomerRef | null {
  if (!code) {
    ctx.errors.add(row, 'customerCode', 'required')
    return null
  }
  const customer = lookups.customer(code)
  if (!customer) {
    ctx.errors.add(row, 'customerCode', 'customer_missing', { value: code })
    return null
  }
  if (!isWithinReach({ id: ctx.actor.userId ?? 0, role: ctx.actor.role }, customer)) {
    ctx.errors.add(row, 'customerCode', 'customer_forbidden', { value: code })
    return null
  }
  return customer
}

/** The project a row names for its customer (null when the cell is blank or on error). */
export function rowProject(
  ctx: ImportContext,
  lookups: CodeLookups,
  row: number,
  customer: CustomerRef,
  code: string
): { id: number; ok: boolean } {
  if (!code) return { id: 0, ok: true }
  const project = lookups.project(customer.id, code)
  if (!project) {
    ctx.errors.add(row, 'projectCode', 'project_missing', { value: code })
    return { id: 0, ok: false }
  }
  return { id: project.id, ok: true }
}

/** The customer and project a row names (`customerCode`, `projectCode`), each checked as above. */
export function rowScope(
  ctx: ImportContext,
  lookups: CodeLookups,
  row: number,
  values: Record<string, string>
) {
  const customer = rowCustomer(ctx, lookups, row, values.customerCode)
  const project = customer ? rowProject(ctx, lookups, row, customer, values.projectCode) : null
  return { customer, project }
}

/**
 * The API's fields for what a row gives as codes: the validators' and the ledger's refusals on
 * `customerId` are reported on the row's `customerCode` column (likewise projects).
 */
const CODE_COLUMNS: Record<string, string> = {
  customerId: 'customerCode',
  projectId: 'projectCode',
}

/** The row's column for an API field. */
export function columnOf(apiField: string): string {
  return CODE_COLUMNS[apiField] ?? apiField
}

/**
 * Validates a row that names a customer (and maybe a project) by the API's validator: the scope goes
 * in as the API's ids and refusals come back on the row's columns. While the customer is in error
 * (already on the row) a stand-in id lets the validator still check the row's other fields.
 */
export function validateScopedRow<T>(
  ctx: ImportContext,
  row: number,
  validator: { validate(data: unknown): Promise<T> },
  { customer, project }: ReturnType<typeof rowScope>,
  fields: Record<string, unknown>
): Promise<T | null> {
  const scope = { customerId: customer?.id ?? 1, projectId: project?.id || undefined }
  return validateRow(ctx.errors, row, validator, { ...scope, ...fields }, columnOf)
}
