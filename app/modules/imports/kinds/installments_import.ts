import { InstallmentService } from '#modules/installments/public'
import { installmentPlanValidator } from '#modules/installments/public'
import { rowCustomer, rowProject } from '#modules/imports/kinds/customer_rows'
import {
  chunked,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { CodeLookups } from '#modules/imports/services/lookups'
import { checkAmount, validateRow } from '#modules/imports/services/row_checks'
import type { TabularRow } from '#kernel/tabular/index'

interface Plan {
  project: { id: number; customerId: number; currency: string }
  rows: number[]
  installments: Array<{ dueDate: Date; amount: string; label?: string | null }>
}

const API_FIELDS: Record<string, string> = {
  'installments.0.dueDate': 'dueDate',
  'installments.0.amount': 'amount',
  'installments.0.label': 'label',
}

/**
 * Installment plans (分期计划): one row per installment, grouped by project, each checked by the
 * API's plan validator and the project currency's amount rules. A project that already has a plan
 * is skipped (re-importing posts nothing and never replaces a plan receipts may be matched to);
 * the others get their plan through the API's InstallmentService (audited `replace`).
 */
export class InstallmentsImport implements ImportKind {
  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    const lookups = new CodeLookups(ctx.uow.trx)
    const plans = new Map<number, Plan>()
    for await (const chunk of chunked(rows, 2000)) {
      await lookups.loadFor(chunk)
      for (const { rowNumber: row, values: v } of chunk) {
        ctx.stats.total++
        const before = ctx.errors.count
        const customer = rowCustomer(ctx, lookups, row, v.customerCode)
        if (!v.projectCode) ctx.errors.add(row, 'projectCode', 'required')
        const project =
          customer && v.projectCode ? rowProject(ctx, lookups, row, customer, v.projectCode) : null
        const input = await validateRow(
          ctx.errors,
          row,
          installmentPlanValidator,
          {
            installments: [
              {
                dueDate: v.dueDate,
                amount: v.amount.replaceAll(',', ''),
                label: v.label || undefined,
              },
            ],
          },
          (field) => API_FIELDS[field] ?? field
        )
        if (!customer || !project?.ok || !input) continue
        const ref = lookups.project(customer.id, v.projectCode)!
        const item = input.installments[0]
        checkAmount(ctx.errors, row, 'amount', item.amount, ref.currency)
        if (ctx.errors.count > before) continue
        ctx.stats.valid++
        const plan = plans.get(ref.id) ?? {
          project: { id: ref.id, customerId: customer.id, currency: ref.currency },
          rows: [],
          installments: [],
        }
        plan.rows.push(row)
        plan.installments.push({ dueDate: item.dueDate, amount: item.amount, label: item.label })
        plans.set(ref.id, plan)
      }
    }
    if (ctx.errors.any || !plans.size) return
    const existing = await ctx.uow.trx.rawQuery(
      'SELECT project_id FROM installments WHERE project_id = ANY(?) GROUP BY project_id',
      [[...plans.keys()]]
    )
    for (const r of existing.rows) {
      const plan = plans.get(Number(r.project_id))!
      ctx.stats.skipped += plan.rows.length
      ctx.stats.valid -= plan.rows.length
      plans.delete(Number(r.project_id))
    }
    const service = new InstallmentService()
    for (const plan of plans.values()) {
      await service.replacePlan(ctx.uow, plan.project, { installments: plan.installments })
      ctx.stats.posted += plan.installments.length
    }
  }
}
