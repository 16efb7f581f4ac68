import { createProjectValidator } from '#modules/customers/public'
import { rowCustomer } from '#modules/imports/kinds/customer_rows'
import {
  chunked,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { insertWithAudit } from '#modules/imports/services/bulk_audit'
import { CodeLookups } from '#modules/imports/services/lookups'
import { checkAmount, FirstSeen, validateRow } from '#modules/imports/services/row_checks'
import type { TabularRow } from '#kernel/tabular/index'

/**
 * Projects (项目) of existing customers, by the API's project validator. A project code the
 * customer already has is skipped; twice in the file is an error.
 */
export class ProjectsImport implements ImportKind {
  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    const lookups = new CodeLookups(ctx.uow.trx)
    const seen = new FirstSeen()
    for await (const chunk of chunked(rows, 2000)) {
      await lookups.loadFor(chunk, 'code')
      const fresh: Array<Record<string, unknown>> = []
      for (const { rowNumber: row, values: v } of chunk) {
        ctx.stats.total++
        const before = ctx.errors.count
        const customer = rowCustomer(ctx, lookups, row, v.customerCode)
        const input = await validateRow(ctx.errors, row, createProjectValidator, {
          code: v.code,
          name: v.name,
          currency: v.currency || undefined,
          contractAmount: v.contractAmount.replaceAll(',', '') || undefined,
        })
        if (!customer || !input) continue
        if (!seen.check(ctx.errors, row, 'code', `${customer.id}:${input.code}`, input.code))
          continue
        const currency = input.currency ?? customer.defaultCurrency
        const contract = input.contractAmount
          ? checkAmount(ctx.errors, row, 'contractAmount', input.contractAmount, currency)
          : null
        if (ctx.errors.count > before) continue
        if (lookups.project(customer.id, input.code)) {
          ctx.stats.skipped++
          continue
        }
        ctx.stats.valid++
        fresh.push({
          customer_id: customer.id,
          code: input.code,
          name: input.name,
          currency,
          contract_amount: contract?.toFixed() ?? null,
        })
      }
      // per chunk as the file streams by; a dry run or a commit with a wrong row rolls back whole
      if (!ctx.errors.any && fresh.length) await this.insert(ctx, fresh)
    }
  }

  private insert(ctx: ImportContext, fresh: Array<Record<string, unknown>>) {
    return insertWithAudit(
      ctx,
      'project',
      `INSERT INTO projects (customer_id, code, name, currency, contract_amount, status, created_at, updated_at)
       SELECT p.customer_id, p.code, p.name, p.currency, p.contract_amount, 'active', now(), now()
         FROM jsonb_to_recordset(?::jsonb) AS p(customer_id bigint, code text, name text,
              currency text, contract_amount numeric)
       RETURNING id, customer_id, code, name, currency, contract_amount::text`,
      fresh,
      (p) => ({
        id: Number(p.id),
        customerId: Number(p.customer_id),
        code: p.code,
        name: p.name,
        currency: p.currency,
        contractAmount: p.contract_amount,
      })
    )
  }
}
