import db from '@adonisjs/lucid/services/db'
import { Filter, flat, type ResourceWithOptions } from 'adminjs'
import { formatAmount, isDecimalString } from '#kernel/money/money'
import type { Locale } from '#kernel/i18n'
import { registerCorePanelModules } from '#modules/admin/panel/modules'
import { panelModules } from '#modules/admin/panel/registry'
import type { PanelUser } from '#modules/admin/panel/panel_user'
import { SqlResource, SqlTable, type ColumnSpec } from '#modules/admin/panel/sql_resource'

/*
| The tools above every panel list (ERPNext/Odoo style): one search box, a totals row on money
| lists, Excel export of exactly the filtered list. All of them go through the list's own
| SqlResource — its reach scope (sales: own customers) and its filters — so a total or an export
| never shows a row the list would not.
*/

/** A list's resource, its options and its SqlResource adapter, by AdminJS resource id. */
export interface PanelList {
  resource: SqlResource
  options: ResourceWithOptions['options']
}

let lists: Map<string, PanelList> | null = null

export function panelList(resourceId: string): PanelList | null {
  if (!lists) {
    registerCorePanelModules()
    lists = new Map()
    for (const module of panelModules()) {
      for (const entry of module.resources()) {
        if (!(entry.resource instanceof SqlTable)) continue
        lists.set(entry.resource.spec.id, {
          resource: new SqlResource(entry.resource),
          options: entry.options,
        })
      }
    }
  }
  return lists.get(resourceId) ?? null
}

/** The list's query string (filters.*, sortBy, direction) as the adapter's filter and sort. */
export function listQuery(list: PanelList, qs: Record<string, unknown>) {
  const query = flat.unflatten(qs) as {
    filters?: Record<string, unknown>
    sortBy?: string
    direction?: string
  }
  const filter = new Filter((query.filters ?? {}) as any, list.resource)
  const sort = {
    sortBy: query.sortBy ?? (list.options.sort as any)?.sortBy,
    direction: query.direction ?? (list.options.sort as any)?.direction,
  }
  return { filter, sort }
}

/** The property the search box fills: `q` (several fields at once), else an ilike title `label`. */
export function searchProperty(list: PanelList): string | null {
  const columns = list.resource.tableSpec().columns
  const q = columns.find((c) => c.name === 'q')
  if (q) return 'q'
  const label = columns.find((c) => c.name === 'label' && c.filter === 'ilike')
  return label ? 'label' : null
}

/** What a money list sums per currency: shown under `property`, from `amount` of the table. */
interface TotalSpec {
  property: string
  amount: string
  currency: string
}

const journalTotals: TotalSpec[] = [
  { property: 'balanceEffect', amount: 'journals.amount', currency: 'journals.currency' },
]

const TOTALS: Record<string, TotalSpec[]> = {
  journals: journalTotals,
  receipts: journalTotals,
  applications: journalTotals,
  refunds: journalTotals,
  adjustments: journalTotals,
  customer_balances: ['balance', 'pending', 'available'].map((property) => ({
    property,
    amount:
      property === 'available'
        ? 'customer_balances.balance - customer_balances.pending'
        : `customer_balances.${property}`,
    currency: 'customer_balances.currency',
  })),
  projects: [
    {
      property: 'contractAmount',
      amount: 'projects.contract_amount',
      currency: 'projects.currency',
    },
  ],
  approval_requests: [
    {
      property: 'amount',
      amount: 'approval_requests.amount',
      currency: 'approval_requests.currency',
    },
  ],
}

/** Customers: the balances of the listed customers, per currency. */
async function customerTotals(list: PanelList, filter: Filter, user: PanelUser) {
  const ids = list.resource.filteredQuery(filter, user).select('customers.id')
  const rows = await db
    .from('customer_balances')
    .whereIn('customer_id', ids)
    .select('currency')
    .select(db.raw('sum(balance)::text AS balance, sum(balance - pending)::text AS available'))
    .groupBy('currency')
    .orderBy('currency')
  return ['balance', 'available'].map((property) => ({
    property,
    values: rows.map((r) => ({
      currency: r.currency,
      amount: formatAmount(r[property], r.currency),
    })),
  }))
}

/** The totals row of a filtered list: per summed property, one amount per currency. */
export async function listTotals(list: PanelList, filter: Filter, user: PanelUser) {
  const id = list.resource.tableSpec().id
  if (id === 'customers') return customerTotals(list, filter, user)
  const specs = TOTALS[id]
  if (!specs) return []
  return Promise.all(
    specs.map(async (spec) => {
      const rows = await list.resource
        .filteredQuery(filter, user)
        .select(db.raw(`${spec.currency} AS currency, sum(${spec.amount})::text AS total`))
        .whereNotNull(db.raw(spec.currency) as any)
        .groupByRaw(spec.currency)
        .orderByRaw(spec.currency)
      return {
        property: spec.property,
        values: rows.map((r: any) => ({
          currency: r.currency,
          amount: formatAmount(r.total ?? '0', r.currency),
        })),
      }
    })
  )
}

/** The columns an export writes: the list's columns (as on screen), else every readable one. */
export function exportColumns(list: PanelList): ColumnSpec[] {
  const columns = list.resource.tableSpec().columns.filter((c) => !c.virtual)
  const shown = list.options.listProperties
  if (!shown?.length) return columns.filter((c) => !(c.compute && !c.sql) || c.name === 'label')
  return shown
    .map((name) => columns.find((c) => c.name === name))
    .filter((c): c is ColumnSpec => Boolean(c))
}

/** An exported cell: amounts as numbers (exact), coded values by label, the rest as shown. */
export function exportCell(
  list: PanelList,
  column: ColumnSpec,
  row: Record<string, any>,
  locale: Locale
) {
  const raw = row[column.name]
  if (column.compute && column.sql && isDecimalString(raw)) return { amount: raw }
  if (column.compute) return column.compute(row, locale)
  const option = (list.options.properties?.[column.name] as any)?.availableValues?.find(
    (o: { value: string }) => o.value === raw
  )
  if (option) return option.label
  return raw instanceof Date ? raw.toISOString() : raw
}
