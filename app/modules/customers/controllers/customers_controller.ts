import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import Customer from '#modules/customers/models/customer'
import { authorizedInput } from '#modules/identity/public'
import { reachOwner, withinReach } from '#modules/customers/reach'
import { CustomerService } from '#modules/customers/services/customer_service'
import { authorizedCustomer } from '#modules/customers/services/customer_access'
import {
  serializeCustomer,
  serializeProject,
} from '#modules/customers/services/customer_serializer'
import {
  createCustomerValidator,
  createProjectValidator,
  listCustomersValidator,
  updateCustomerValidator,
} from '#modules/customers/validators/customer_validators'
import { CustomerUpdates } from '#workflows/customer_updates'
import { executeCommand, respond } from '#kernel/api_command'
import { containsPattern } from '#kernel/sql_text'

@inject()
export default class CustomersController {
  constructor(
    private customers: CustomerService,
    private updates: CustomerUpdates
  ) {}

  async index(ctx: HttpContext) {
    const filters = await authorizedInput(ctx, 'customers.read', listCustomersValidator)
    const user = ctx.auth.getUserOrFail()
    const query = Customer.query().orderBy('code')
    withinReach(query, user, 'id')
    if (filters.status) query.where('status', filters.status)
    if (filters.q)
      query.where((q) =>
        q
          .whereILike('name', containsPattern(filters.q!))
          .orWhereILike('code', containsPattern(filters.q!))
      )
    const page = await query.paginate(filters.page ?? 1, filters.perPage ?? 50)
    return {
      data: page.all().map(serializeCustomer),
      meta: { total: page.total, page: page.currentPage, perPage: page.perPage },
    }
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'customers.write', createCustomerValidator)
    const user = ctx.auth.getUserOrFail()
    // Sales register customers for themselves; the owner cannot be someone else's.
    // a customer sales create is theirs (and stays within their reach)
    input.salesOwnerId = reachOwner(user) ?? input.salesOwnerId
    await respond(ctx, 201, async (uow) => {
      const { customer, creditLimitApproval } = await this.updates.create(uow, input)
      return { ...serializeCustomer(customer), creditLimitApproval }
    })
  }

  async show(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.read')
    await customer.load('projects')
    return { ...serializeCustomer(customer), projects: customer.projects.map(serializeProject) }
  }

  /**
   * Plain changes apply at once; a credit-limit change or a deactivation goes through the approval
   * gate (202 while it waits) like any other sensitive action.
   */
  async update(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.write')
    const input = await ctx.request.validateUsing(updateCustomerValidator)
    await executeCommand(ctx, (uow) => this.updates.submit(uow, customer.id, input))
  }

  async storeProject(ctx: HttpContext) {
    const customer = await authorizedCustomer(ctx, Number(ctx.params.id), 'customers.write')
    const input = await ctx.request.validateUsing(createProjectValidator)
    await respond(ctx, 201, async (uow) =>
      serializeProject(await this.customers.addProject(uow, customer, input))
    )
  }
}
