import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { TabularRow } from '#kernel/tabular/index'
import { numberOrNull } from '#kernel/row_values'

export interface CustomerRef {
  id: number
  code: string
  status: string
  salesOwnerId: number | null
  defaultCurrency: string
}

/** Customers and their projects by code, read once per chunk of rows for the codes not yet known. */
export class CodeLookups {
  private customers = new Map<string, CustomerRef | null>()
  private projects = new Map<string, { id: number; currency: string } | null>()

  constructor(private client: QueryClientContract) {}

  async loadCustomers(codes: Iterable<string>) {
    const wanted = [...new Set(codes)].filter((c) => c && !this.customers.has(c))
    if (!wanted.length) return
    const result = await this.client.rawQuery(
      `SELECT id, code, status, sales_owner_id, default_currency FROM customers WHERE code = ANY(?)`,
      [wanted]
    )
    for (const code of wanted) this.customers.set(code, null)
    for (const r of result.rows) {
      this.customers.set(r.code, {
        id: Number(r.id),
        code: r.code,
        status: r.status,
        salesOwnerId: numberOrNull(r.sales_owner_id),
        defaultCurrency: r.default_currency.trim(),
      })
    }
  }

  /**
   * The customers a chunk of rows names, then their projects (`projectField` holds the project
   * code): one read each for the codes not yet known.
   */
  async loadFor(rows: TabularRow[], projectField = 'projectCode') {
    await this.loadCustomers(rows.map((r) => r.values.customerCode))
    const pairs: Array<[number, string]> = []
    for (const r of rows) {
      const customer = this.customer(r.values.customerCode)
      if (customer && r.values[projectField]) pairs.push([customer.id, r.values[projectField]])
    }
    await this.loadProjects(pairs)
  }

  customer(code: string) {
    return this.customers.get(code) ?? null
  }

  /** pairs of customer id and project code */
  async loadProjects(pairs: Array<[number, string]>) {
    const wanted = pairs.filter(([id, code]) => code && !this.projects.has(`${id}:${code}`))
    if (!wanted.length) return
    const result = await this.client.rawQuery(
      `SELECT p.id, p.customer_id, p.code, p.currency FROM projects p
        JOIN unnest(?::bigint[], ?::text[]) AS w(customer_id, code)
          ON p.customer_id = w.customer_id AND p.code = w.code`,
      [wanted.map((w) => w[0]), wanted.map((w) => w[1])]
    )
    for (const [id, code] of wanted) this.projects.set(`${id}:${code}`, null)
    for (const r of result.rows) {
      this.projects.set(`${r.customer_id}:${r.code}`, {
        id: Number(r.id),
        currency: r.currency.trim(),
      })
    }
  }

  project(customerId: number, code: string) {
    return this.projects.get(`${customerId}:${code}`) ?? null
  }
}
