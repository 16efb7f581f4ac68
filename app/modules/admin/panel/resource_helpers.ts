import type { ActionContext, ResourceOptions, ResourceWithOptions } from 'adminjs'
import type { Permission } from '#modules/identity/public'
import { allows } from '#modules/admin/panel/panel_user'
import { displayAmount, displayInstant } from '#modules/admin/panel/format'
import { SqlTable, type ColumnSpec, type TableSpec } from '#modules/admin/panel/sql_resource'
import {
  namedLabels,
  valueLabels,
  valueTranslations,
  type ValueLabels,
} from '#modules/admin/panel/value_labels'

const hidden = { isAccessible: false, isVisible: false }

/** Labels of the coded columns every resource shares, by column name (resources may set their own). */
const SHARED_LABELS: Partial<Record<string, ValueLabels>> = {
  kind: valueLabels('kind'),
  channel: valueLabels('channel'),
  documentType: valueLabels('document_type'),
  // panel.json already names these statuses (启用 / Active): read there, the code added in zh-CN
  status: namedLabels('panel.properties.status'),
  role: valueLabels('role'),
}

/** Coded states shown as coloured badges on lists and record pages (status_badge.jsx). */
const BADGED = new Set(['status', 'state', 'severity', 'kind'])
const badge = { list: 'StatusBadge', show: 'StatusBadge' }

/**
 * Coded columns: their values (labelled by value, so lists, forms and filters all look the label
 * up in the reader's language) and the labels in both languages (value_labels.ts); states as badges.
 */
function codedColumns(spec: TableSpec) {
  const properties: Record<
    string,
    {
      availableValues?: Array<{ value: string; label: string }>
      components?: typeof badge
      isVisible?: boolean
    }
  > = {}
  const coded: Array<{ name: string; values: string[]; labels: ValueLabels }> = []
  for (const column of spec.columns) {
    // the search box's column is a filter only (searchColumn): never a field on a page
    if (column.name === 'q') properties.q = { isVisible: false }
    if (BADGED.has(column.name) && column.availableValues)
      properties[column.name] = { components: badge }
    const labels = column.labels ?? SHARED_LABELS[column.name]
    if (column.availableValues && labels) {
      properties[column.name] = {
        ...properties[column.name],
        availableValues: column.availableValues.map((value) => ({ value, label: value })),
      }
      coded.push({ name: column.name, values: column.availableValues, labels })
    }
  }
  return { properties, translations: valueTranslations(coded) }
}

/**
 * Every list gets a search box (issue 17): a table without its own `q` column searches its
 * "contains" (ilike) columns and the code and name of the customer its rows belong to.
 */
function withSearch(spec: TableSpec): TableSpec {
  if (spec.columns.some((c) => c.name === 'q')) return spec
  const parts = spec.columns
    .filter((c) => c.filter === 'ilike' && !c.virtual && (c.sql || !c.compute))
    .map((c) => `(${c.filterSql ?? c.sql ?? `${spec.table}.${c.name}`})::text`)
  const customer = spec.columns.find((c) => c.name === 'customerId' && c.reference === 'customers')
  if (customer?.sql) {
    parts.push(`(SELECT c.code || ' ' || c.name FROM customers c WHERE c.id = ${customer.sql})`)
  }
  if (!parts.length) return spec
  return {
    ...spec,
    columns: [...spec.columns, searchColumn(`concat_ws(' ', ${parts.join(', ')})`)],
  }
}

/**
 * A read-only panel resource over a table: list/show/search for holders of `read`; AdminJS's own
 * new/edit/delete are off (state changes go through `actions`, each backed by a service).
 */
export function tableResource(
  spec: TableSpec,
  read: Permission,
  options: Omit<ResourceOptions, 'actions'> & { actions?: Record<string, any> }
): ResourceWithOptions {
  const canRead = allows(read)
  const searchable = withSearch(spec)
  const coded = codedColumns(searchable)
  return {
    resource: new SqlTable(searchable),
    options: {
      ...options,
      properties: { ...coded.properties, ...options.properties },
      translations: mergeTranslations(coded.translations, options.translations),
      actions: {
        list: { isAccessible: canRead },
        show: { isAccessible: canRead },
        search: { isAccessible: canRead },
        new: hidden,
        edit: hidden,
        delete: hidden,
        bulkDelete: hidden,
        ...options.actions,
      },
    } as ResourceOptions,
  }
}

/** A resource's own translations over the coded values' labels, per language and section. */
function mergeTranslations(base: Record<string, any>, own: Record<string, any> | undefined) {
  const merged: Record<string, any> = { ...base }
  for (const [language, sections] of Object.entries(own ?? {})) {
    merged[language] = { ...merged[language] }
    for (const [section, values] of Object.entries(sections as object)) {
      merged[language][section] = { ...merged[language][section], ...(values as object) }
    }
  }
  return merged
}

/** Where a record's show page is, for redirects after an action. */
export function showUrl(context: ActionContext, resourceId: string, recordId: string | number) {
  return context.h.recordActionUrl({ resourceId, recordId: String(recordId), actionName: 'show' })
}

/** A timestamp column shown in the company time zone. */
export const instant = (name: string, column: string): ColumnSpec => ({
  name,
  sql: column,
  compute: (row) => displayInstant(row[name]),
})

/** A date column shown as YYYY-MM-DD and filtered/sorted on the column itself (indexed). */
export const dateColumn = (name: string, column: string, sortable = false): ColumnSpec => ({
  name,
  type: 'date',
  sql: `to_char(${column}, 'YYYY-MM-DD')`,
  filterSql: column,
  filter: 'range',
  sortable,
})

/**
 * An amount shown grouped, with its currency: `currency` names the row's currency column, or
 * `{ code }` a fixed one. No currency on the row, nothing shown.
 */
export const amountColumn = (
  name: string,
  column: string,
  currency: string | { code: string } = 'currency'
): ColumnSpec => ({
  name,
  sql: column,
  compute: (row) => {
    const code = typeof currency === 'string' ? row[currency] : currency.code
    return code ? displayAmount(row[name], code) : ''
  },
})

/** A list of property names written as one line: `fields('code name status')`. */
export const fields = (names: string) => names.split(/\s+/).filter(Boolean)

/**
 * The list's search box (issue 17, list_tools.jsx): a filter-only column `q` matching `sql` (text)
 * by "contains"; never fetched for the rows, so it costs nothing unless used.
 */
export const searchColumn = (sql: string): ColumnSpec => ({
  name: 'q',
  filterSql: sql,
  filter: 'ilike',
  compute: () => undefined,
})
