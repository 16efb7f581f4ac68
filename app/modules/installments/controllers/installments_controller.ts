import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { NotFound } from '#kernel/errors'
import { authorizedCustomer } from '#modules/customers/public'
import { companyToday, toPlainDate } from '#kernel/company'
import { formatAmount, Money } from '#kernel/money/money'
import { respond } from '#kernel/api_command'
import {
  InstallmentLedger,
  installmentView,
} from '#modules/installments/services/installment_ledger'
import { InstallmentService } from '#modules/installments/services/installment_service'
import {
  installmentPlanValidator,
  installmentQueryValidator,
  matchReceiptValidator,
} from '#modules/installments/validators/installment_validators'

/** Installment plans of projects/contracts and what has been paid against them. */
@inject()
export default class InstallmentsController {
  constructor(
    private installments: InstallmentService,
    private ledger: InstallmentLedger
  ) {}

  /** GET /projects/:id/installments?asOf — the plan with paid, outstanding, over/under payment. */
  async show(ctx: HttpContext) {
    const project = await this.project(ctx, Number(ctx.params.id), 'customers.read')
    const query = await ctx.request.validateUsing(installmentQueryValidator, {
      data: ctx.request.qs(),
    })
    const asOf = query.asOf ? toPlainDate(query.asOf) : companyToday()
    const statuses = await this.ledger.statuses(db.connection(), { projectId: project.id }, asOf)
    const total = (pick: (s: (typeof statuses)[number]) => Money) =>
      formatAmount(
        statuses.reduce((sum, s) => sum.plus(pick(s)), new Money(0)),
        project.currency
      )
    return {
      projectId: project.id,
      projectCode: project.code,
      customerId: project.customerId,
      currency: project.currency,
      contractAmount:
        project.contractAmount === null
          ? null
          : formatAmount(project.contractAmount, project.currency),
      asOf,
      installments: statuses.map((s) => installmentView(s, asOf)),
      totals: {
        amount: total((s) => s.amount),
        paid: total((s) => s.paid),
        outstanding: total((s) => s.outstanding),
      },
    }
  }

  /** PUT /projects/:id/installments {installments:[{id?, dueDate, amount, label?}]} */
  async replace(ctx: HttpContext) {
    const project = await this.project(ctx, Number(ctx.params.id), 'installments.write')
    const input = await ctx.request.validateUsing(installmentPlanValidator)
    await respond(ctx, 200, async (uow) => ({
      projectId: project.id,
      installments: await this.installments.replacePlan(uow, project, input),
    }))
  }

  /** POST /installments/:id/receipts {journalId} — match a receipt to this installment. */
  async match(ctx: HttpContext) {
    const installment = await db
      .from('installments')
      .where('id', Number(ctx.params.id) || 0)
      .first()
    if (!installment) throw new NotFound('installment')
    await authorizedCustomer(ctx, Number(installment.customer_id), 'installments.write')
    const input = await ctx.request.validateUsing(matchReceiptValidator)
    await respond(ctx, 201, (uow) =>
      this.installments.matchReceipt(uow, Number(installment.id), input)
    )
  }

  private async project(
    ctx: HttpContext,
    projectId: number,
    permission: 'customers.read' | 'installments.write'
  ) {
    const row = Number.isSafeInteger(projectId)
      ? await db.from('projects').where('id', projectId).first()
      : null
    if (!row) throw new NotFound('project')
    await authorizedCustomer(ctx, Number(row.customer_id), permission)
    return {
      id: Number(row.id),
      code: row.code as string,
      customerId: Number(row.customer_id),
      currency: (row.currency as string).trim(),
      contractAmount: row.contract_amount as string | null,
    }
  }
}
