import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import type { ValueLabels } from '#modules/admin/panel/value_labels'
import type { AreaTable } from '#modules/admin/panel/panel_area'
import { amountColumn, dateColumn, instant } from '#modules/admin/panel/resource_helpers'

type Extra = Partial<ColumnSpec>

/** `actionType` → `action_type`, `pdfSha256` → `pdf_sha256`: a property's column. */
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/**
 * The columns of one table, declared by property name: `columnsOf('alerts').choice('status', …)`
 * reads `alerts.status`, `.ref('customerId', 'customers')` reads `alerts.customer_id`. The table name
 * is written once per resource, and a coded column carries its values and labels together.
 */
export function columnsOf(table: string) {
  const sql = (name: string) => `${table}.${snake(name)}`
  return {
    /** `<table>.<column>` of a property, for expressions the helpers below do not cover. */
    sql,
    /** The resource's table with these columns (and any other of its settings). */
    spec: (columns: ColumnSpec[], extra: Omit<AreaTable, 'table' | 'columns'> = {}): AreaTable => ({
      table,
      columns,
      ...extra,
    }),
    id: (): ColumnSpec => ({ name: 'id', type: 'number', sortable: true }),
    /** The record's title "#12 …" (`describe` writes what follows the number). */
    title: (describe: (row: Record<string, any>) => string): ColumnSpec => ({
      name: 'label',
      sql: `'#' || ${table}.id`,
      isTitle: true,
      compute: (row) => `#${row.id} ${describe(row)}`.trim(),
    }),
    field: (name: string, extra: Extra = {}): ColumnSpec => ({ name, sql: sql(name), ...extra }),
    text: (name: string, extra: Extra = {}): ColumnSpec => ({
      name,
      sql: sql(name),
      type: 'textarea',
      ...extra,
    }),
    number: (name: string, extra: Extra = {}): ColumnSpec => ({
      name,
      sql: sql(name),
      type: 'number',
      ...extra,
    }),
    flag: (name: string, extra: Extra = {}): ColumnSpec => ({
      name,
      sql: sql(name),
      type: 'boolean',
      ...extra,
    }),
    /** A coded column: its values and their labels, filtered by exact value unless told. */
    choice: (
      name: string,
      values: readonly string[],
      labels?: ValueLabels,
      extra: Extra = {}
    ): ColumnSpec => ({
      name,
      sql: sql(name),
      availableValues: [...values],
      ...(labels ? { labels } : {}),
      filter: 'exact',
      ...extra,
    }),
    ref: (name: string, reference: string, extra: Extra = {}): ColumnSpec => ({
      name,
      sql: sql(name),
      reference,
      ...extra,
    }),
    instant: (name: string) => instant(name, sql(name)),
    date: (name: string, sortable = false) => dateColumn(name, sql(name), sortable),
    amount: (name: string, currency?: string | { code: string }) =>
      amountColumn(name, sql(name), currency),
    /** An array column shown as "a, b, c". */
    list: (name: string): ColumnSpec => ({ name, sql: `array_to_string(${sql(name)}, ', ')` }),
  }
}
