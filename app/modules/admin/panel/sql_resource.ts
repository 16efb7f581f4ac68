import { BaseDatabase, BaseProperty, BaseRecord, BaseResource, type Filter } from 'adminjs'
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { panelLocale, type PanelUser } from '#modules/admin/panel/panel_user'
import type { Locale } from '#kernel/i18n'
import type { ValueLabels } from '#modules/admin/panel/value_labels'
import { reachOwner } from '#modules/customers/public'
import { containsPattern } from '#kernel/sql_text'

type PropertyType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'textarea'
  | 'reference'
  | 'mixed'
  | 'key-value'
  | 'password'

/** One column of a panel table: how it is shown, filtered and (only if indexed) sorted. */
export interface ColumnSpec {
  name: string
  type?: PropertyType
  /** SQL expression when the column is not a plain column of the table. */
  sql?: string
  /** SQL used to filter and sort when it differs from the shown value (e.g. a date shown via to_char). */
  filterSql?: string
  /**
   * Computed in JS from the fetched row (formatted amounts, local times…), in the reader's language
   * (users.locale); never filterable.
   */
  compute?: (row: Record<string, any>, locale: Locale) => unknown
  reference?: string
  /** Only indexed columns are sortable on big tables. */
  sortable?: boolean
  /** 'exact' (=), 'ilike' (contains) or 'range' (from/to); undefined: not filterable. */
  filter?: 'exact' | 'ilike' | 'range'
  availableValues?: string[]
  /** Option labels of `availableValues` (from the catalogues), shown on lists and forms. */
  labels?: ValueLabels
  isTitle?: boolean
  required?: boolean
  /** Input only (forms of the service-backed actions): never read from the table. */
  virtual?: boolean
}

export type Scope = (query: DatabaseQueryBuilderContract, user: PanelUser) => void

/** A table (or a view over one) shown in the panel; reads only, writes go through actions. */
export interface TableSpec {
  id: string
  table: string
  /** SQL for the record id (composite keys are joined with ':'); default `id`. */
  idSql?: string
  columns: ColumnSpec[]
  /** Rows a user may see (sales: their customers) and fixed conditions (kind = 'receipt'). */
  scope?: Scope
  /**
   * Large tables: the unfiltered count is the planner's estimate (pg_class.reltuples) and a
   * filtered count stops at COUNT_CAP, so a list page never scans the whole table.
   */
  big?: boolean
  /** The scope narrows the rows for everyone (kind = 'receipt'): the table's estimate is no count. */
  subset?: boolean
  /**
   * The raw row the computed columns read (default `<table>.*`); list the columns instead when the
   * table holds large values that must not be fetched for a list (e.g. a stored PDF).
   */
  rowSql?: string
}

export const COUNT_CAP = 10_000

class SqlProperty extends BaseProperty {
  constructor(
    readonly spec: ColumnSpec,
    private readonly primary: boolean,
    position: number
  ) {
    super({ path: spec.name, type: spec.type ?? 'string', isId: primary, position })
  }

  isId() {
    return this.primary
  }
  isTitle() {
    return Boolean(this.spec.isTitle)
  }
  isSortable() {
    return Boolean(this.spec.sortable)
  }
  isEditable() {
    return !this.primary && !this.spec.compute
  }
  isRequired() {
    return Boolean(this.spec.required)
  }
  reference() {
    return this.spec.reference ?? null
  }
  availableValues() {
    return this.spec.availableValues ?? null
  }
  type() {
    return this.spec.reference ? 'reference' : (this.spec.type ?? 'string')
  }
}

/** Marker object passed as `resource` in the panel config; the adapter below turns it into a resource. */
export class SqlTable {
  constructor(readonly spec: TableSpec) {}
}

export class SqlResource extends BaseResource {
  private readonly spec: TableSpec
  private readonly props: Map<string, SqlProperty>

  constructor(table: SqlTable) {
    super(table)
    this.spec = table.spec
    this.props = new Map()
    const idColumn = { name: 'id', type: 'string' as const, sortable: !this.spec.idSql }
    const hasId = this.spec.columns.some((c) => c.name === 'id')
    const all = hasId ? this.spec.columns : [idColumn, ...this.spec.columns]
    all.forEach((column, position) => {
      this.props.set(column.name, new SqlProperty(column, column.name === 'id', position))
    })
  }

  static isAdapterFor(resource: unknown) {
    return resource instanceof SqlTable
  }

  id() {
    return this.spec.id
  }
  name() {
    return this.spec.id
  }
  databaseName() {
    return 'postgres'
  }
  databaseType() {
    return 'postgres'
  }
  properties() {
    return [...this.props.values()]
  }
  property(path: string) {
    return this.props.get(path) ?? null
  }

  async count(filter: Filter, context?: any) {
    const user = context?.currentAdmin as PanelUser | undefined
    const filtered = Object.keys(filter?.filters ?? {}).length > 0
    if (this.spec.big && !this.spec.subset && !filtered && !this.hasRowScope(user)) {
      const result = await db.rawQuery(
        'SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = ?::regclass',
        [this.spec.table]
      )
      const estimate = Number(result.rows[0]?.n ?? 0)
      if (estimate > COUNT_CAP) return estimate
    }
    const inner = this.baseQuery(user).select(db.raw('1'))
    this.applyFilters(inner, filter)
    if (this.spec.big) inner.limit(COUNT_CAP + 1)
    const row = await db.from(inner.as('counted')).count('* as n').first()
    return Number(row?.n ?? 0)
  }

  async find(
    filter: Filter,
    options: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: string } },
    context?: any
  ): Promise<BaseRecord[]> {
    const query = this.selectQuery(context?.currentAdmin)
    this.applyFilters(query, filter)
    const sortBy = options.sort?.sortBy
    const direction = options.sort?.direction === 'asc' ? 'asc' : 'desc'
    const sortProperty = sortBy ? this.props.get(sortBy) : undefined
    if (sortProperty?.isSortable()) {
      query.orderBy(db.raw(this.filterSqlOf(sortProperty.spec)) as any, direction)
    }
    if (!this.spec.idSql && sortBy !== 'id') query.orderBy(`${this.spec.table}.id`, direction)
    query.limit(options.limit ?? 10).offset(options.offset ?? 0)
    const rows = await query
    return rows.map((row: any) => this.toRecord(row, context))
  }

  async findOne(id: string | number, context?: any): Promise<BaseRecord | null> {
    const ids = this.idValues([id])
    if (!ids.length) return null
    const query = this.selectQuery(context?.currentAdmin)
      .where(db.raw(this.idMatchSql()) as any, ids[0])
      .limit(1)
    const rows = await query
    return rows[0] ? this.toRecord(rows[0], context) : null
  }

  async findMany(ids: Array<string | number>, context?: any): Promise<BaseRecord[]> {
    const values = this.idValues(ids)
    if (!values.length) return []
    const query = this.selectQuery(context?.currentAdmin).whereIn(
      db.raw(this.idMatchSql()) as any,
      values
    )
    const rows = await query
    return rows.map((row: any) => this.toRecord(row, context))
  }

  async create(): Promise<Record<string, any>> {
    throw new Error(`${this.spec.id} is changed only through its actions`)
  }
  async update(): Promise<Record<string, any>> {
    throw new Error(`${this.spec.id} is changed only through its actions`)
  }
  async delete(): Promise<void> {
    throw new Error(`${this.spec.id} rows are never deleted`)
  }

  private hasRowScope(user: PanelUser | undefined) {
    return Boolean(this.spec.scope && user && reachOwner(user) !== null)
  }

  private idSql() {
    return this.spec.idSql ? `(${this.spec.idSql})::text` : `${this.spec.table}.id::text`
  }

  /**
   * What a lookup by id compares: the bigint primary key itself (issue 20: `id::text IN (…)`
   * defeats the index and scans the whole table), or a composite id's text.
   */
  private idMatchSql() {
    return this.spec.idSql ? this.idSql() : `${this.spec.table}.id`
  }

  /** Ids as the key compares them; a non-numeric id of a bigint key matches nothing. */
  private idValues(ids: Array<string | number>): string[] {
    const values = ids.map(String)
    return this.spec.idSql ? values : values.filter((value) => /^\d{1,18}$/.test(value))
  }

  private columnSql(column: ColumnSpec) {
    return column.sql ?? `${this.spec.table}.${column.name}`
  }

  private filterSqlOf(column: ColumnSpec) {
    return column.filterSql ?? this.columnSql(column)
  }

  private baseQuery(user: PanelUser | undefined) {
    const query = db.from(this.spec.table)
    if (this.spec.scope) {
      if (!user) query.whereRaw('false')
      else this.spec.scope(query, user)
    }
    return query
  }

  private selectQuery(user: PanelUser | undefined) {
    const query = this.baseQuery(user)
    const selects = [`${this.idSql()} AS "id"`]
    for (const column of this.spec.columns) {
      if ((column.compute && !column.sql) || column.virtual || column.name === 'id') continue
      selects.push(`${this.columnSql(column)} AS "${column.name}"`)
    }
    // Computed columns read the raw row: select the whole table row as well.
    return query.select(
      db.raw(this.spec.rowSql ?? `${this.spec.table}.*`),
      db.raw(selects.join(', '))
    )
  }

  private applyFilters(query: DatabaseQueryBuilderContract, filter: Filter | undefined) {
    for (const [key, element] of Object.entries(filter?.filters ?? {})) {
      const property = this.props.get(key)
      if (!property) continue
      const column = property.spec
      const value = element.value as any
      if (property.isId()) {
        const ids = this.idValues([String(value)])
        if (ids.length) query.where(db.raw(this.idMatchSql()) as any, ids[0])
        else query.whereRaw('false')
        continue
      }
      if (!column.filter) continue
      const sql = this.filterSqlOf(column)
      if (column.filter === 'range' && typeof value === 'object') {
        if (value.from) query.where(db.raw(sql) as any, '>=', value.from)
        if (value.to) query.where(db.raw(sql) as any, '<=', value.to)
      } else if (column.filter === 'ilike' && typeof value === 'string') {
        query.whereRaw(`${sql}::text ILIKE ?`, [containsPattern(value)])
      } else if (typeof value === 'string') {
        query.where(db.raw(sql) as any, value)
      }
    }
  }

  private toRecord(row: Record<string, any>, context?: any): BaseRecord {
    const locale = panelLocale(context?.currentAdmin)
    const params: Record<string, unknown> = { id: String(row.id) }
    for (const column of this.spec.columns) {
      if (column.virtual || column.name === 'id') continue
      const value = column.compute ? column.compute(row, locale) : row[column.name]
      params[column.name] = value instanceof Date ? value.toISOString() : value
    }
    return new BaseRecord(params, this)
  }

  // --- list tools (totals row, Excel export): the list's own scope and filters, reused ---

  /** The table's rows this user may see under a list filter; no columns chosen (totals). */
  filteredQuery(filter: Filter | undefined, user: PanelUser | undefined) {
    const query = this.baseQuery(user)
    this.applyFilters(query, filter)
    return query
  }

  /** The list's raw rows (before computed columns), sorted as the list is, at most `limit`. */
  async rawRows(
    filter: Filter | undefined,
    sort: { sortBy?: string; direction?: string },
    limit: number,
    user: PanelUser | undefined
  ): Promise<Record<string, any>[]> {
    const query = this.selectQuery(user)
    this.applyFilters(query, filter)
    const direction = sort.direction === 'asc' ? 'asc' : 'desc'
    const property = sort.sortBy ? this.props.get(sort.sortBy) : undefined
    if (property?.isSortable()) {
      query.orderBy(db.raw(this.filterSqlOf(property.spec)) as any, direction)
    }
    if (!this.spec.idSql) query.orderBy(`${this.spec.table}.id`, direction)
    return query.limit(limit)
  }

  /** The table behind the resource (its columns, for exports). */
  tableSpec(): TableSpec {
    return this.spec
  }
}

export class SqlDatabase extends BaseDatabase {
  static isAdapterFor() {
    return false
  }
  resources() {
    return []
  }
}
