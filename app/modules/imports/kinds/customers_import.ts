import { createCustomerValidator } from '#modules/customers/public'
import {
  chunked,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { insertWithAudit } from '#modules/imports/services/bulk_audit'
import { checkAmount, FirstSeen, validateRow } from '#modules/imports/services/row_checks'
import type { TabularRow } from '#kernel/tabular/index'
import { numberOrNull } from '#kernel/row_values'

interface NewCustomer {
  code: string
  name: string
  default_currency: string
  credit_limit: string
  low_balance_threshold: string | null
  sales_owner_id: number | null
  department: string | null
  contact_email: string | null
}

const API_FIELDS: Record<string, string> = { salesOwnerId: 'salesOwner' }

/**
 * Customers (客户档案) by the API's create validator and amount rules. A code that already exists
 * is skipped (re-importing the file creates nothing); a code twice in the file is an error. Rows
 * are inserted set-based per chunk as the file streams by, each with its `create` audit row.
 */
export class CustomersImport implements ImportKind {
  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    const trx = ctx.uow.trx
    const users = await trx.rawQuery('SELECT id, email FROM users WHERE is_active')
    const userIds = new Map<string, number>(
      users.rows.map((u: any) => [u.email.toLowerCase(), Number(u.id)])
    )
    const codes = new FirstSeen()
    for await (const chunk of chunked(rows, 2000)) {
      const existing = await trx.rawQuery('SELECT code FROM customers WHERE code = ANY(?)', [
        chunk.map((r) => r.values.code),
      ])
      const known = new Set(existing.rows.map((r: any) => r.code))
      const fresh: NewCustomer[] = []
      for (const row of chunk) {
        ctx.stats.total++
        const customer = await this.checkRow(ctx, row, userIds, codes)
        if (!customer) continue
        if (known.has(customer.code)) ctx.stats.skipped++
        else {
          ctx.stats.valid++
          fresh.push(customer)
        }
      }
      // Written chunk by chunk (no array of the whole file); a dry run, and a commit with any
      // wrong row, are rolled back whole by the runner.
      if (!ctx.errors.any && fresh.length) await this.insert(ctx, fresh)
    }
  }

  private async checkRow(
    ctx: ImportContext,
    { rowNumber: row, values: v }: TabularRow,
    userIds: Map<string, number>,
    codes: FirstSeen
  ): Promise<NewCustomer | null> {
    const before = ctx.errors.count
    let salesOwnerId: number | null = null
    if (v.salesOwner) {
      salesOwnerId = userIds.get(v.salesOwner.toLowerCase()) ?? null
      if (!salesOwnerId) ctx.errors.add(row, 'salesOwner', 'user_missing', { value: v.salesOwner })
    }
    const input = await validateRow(
      ctx.errors,
      row,
      createCustomerValidator,
      {
        code: v.code,
        name: v.name,
        defaultCurrency: v.defaultCurrency,
        creditLimit: v.creditLimit.replaceAll(',', '') || undefined,
        lowBalanceThreshold: v.lowBalanceThreshold.replaceAll(',', '') || undefined,
        salesOwnerId: salesOwnerId ?? undefined,
        department: v.department || undefined,
        contactEmail: v.contactEmail || undefined,
      },
      (field) => API_FIELDS[field] ?? field
    )
    if (!input) return null
    if (!codes.check(ctx.errors, row, 'code', input.code)) return null
    const currency = input.defaultCurrency
    const limit = input.creditLimit
      ? checkAmount(ctx.errors, row, 'creditLimit', input.creditLimit, currency, {
          allowZero: true,
        })
      : null
    const threshold = input.lowBalanceThreshold
      ? checkAmount(ctx.errors, row, 'lowBalanceThreshold', input.lowBalanceThreshold, currency, {
          allowZero: true,
        })
      : null
    if (ctx.errors.count > before) return null
    return {
      code: input.code,
      name: input.name,
      default_currency: currency,
      credit_limit: limit?.toFixed() ?? '0',
      low_balance_threshold: threshold?.toFixed() ?? null,
      sales_owner_id: salesOwnerId,
      department: input.department ?? null,
      contact_email: input.contactEmail ?? null,
    }
  }

  private insert(ctx: ImportContext, batch: NewCustomer[]) {
    return insertWithAudit(
      ctx,
      'customer',
      `INSERT INTO customers (code, name, default_currency, credit_limit, low_balance_threshold,
                              sales_owner_id, department, contact_email, status, custom_fields,
                              created_at, updated_at)
       SELECT c.code, c.name, c.default_currency, c.credit_limit, c.low_balance_threshold,
              c.sales_owner_id, c.department, c.contact_email, 'active', '{}', now(), now()
         FROM jsonb_to_recordset(?::jsonb) AS c(code text, name text, default_currency text,
              credit_limit numeric, low_balance_threshold numeric, sales_owner_id bigint,
              department text, contact_email text)
       RETURNING id, code, name, default_currency, credit_limit::text, low_balance_threshold::text,
                 sales_owner_id, department, contact_email, status`,
      batch,
      (c) => ({
        id: Number(c.id),
        code: c.code,
        name: c.name,
        defaultCurrency: c.default_currency,
        creditLimit: c.credit_limit,
        lowBalanceThreshold: c.low_balance_threshold,
        salesOwnerId: numberOrNull(c.sales_owner_id),
        department: c.department,
        contactEmail: c.contact_email,
        status: c.status,
      })
    )
  }
}
