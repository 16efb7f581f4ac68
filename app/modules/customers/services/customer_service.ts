import Customer from '#modules/customers/models/customer'
import Project from '#modules/customers/models/project'
import { User } from '#modules/identity/public'
import { Conflict, InvalidInput } from '#kernel/errors'
import { parseAmount } from '#kernel/money/parse_amount'
import type { UnitOfWork } from '#kernel/unit_of_work'
import {
  serializeCustomer,
  serializeProject,
} from '#modules/customers/services/customer_serializer'
import type {
  CreateCustomerInput,
  CreateProjectInput,
  UpdateCustomerInput,
} from '#modules/customers/validators/customer_validators'

/** Customers and their projects: the public service other modules call. */
export class CustomerService {
  async create(uow: UnitOfWork, input: CreateCustomerInput) {
    const existing = await Customer.query({ client: uow.trx }).where('code', input.code).first()
    if (existing)
      throw new Conflict('unique', `customer code ${input.code} is already used`, undefined, 'code')
    const customer = new Customer()
    customer.useTransaction(uow.trx)
    customer.code = input.code
    customer.customFields = {}
    await this.save(uow, customer, input, 'create')
    return customer
  }

  /** The customer's row, locked for an edit in this unit of work. */
  lock(uow: UnitOfWork, customerId: number) {
    return Customer.query({ client: uow.trx }).where('id', customerId).forUpdate().firstOrFail()
  }

  /** Applies an edit to a customer: `customer` as locked by `lock`, or its id. */
  async update(uow: UnitOfWork, customer: Customer | number, input: UpdateCustomerInput) {
    if (typeof customer === 'number') customer = await this.lock(uow, customer)
    await this.save(uow, customer, input, 'update', serializeCustomer(customer))
    return customer
  }

  async addProject(uow: UnitOfWork, customer: Customer, input: CreateProjectInput) {
    const duplicate = await Project.query({ client: uow.trx })
      .where({ customerId: customer.id, code: input.code })
      .first()
    if (duplicate)
      throw new Conflict(
        'unique',
        `project code ${input.code} already exists for this customer`,
        undefined,
        'code'
      )
    const currency = input.currency ?? customer.defaultCurrency
    const project = new Project()
    project.useTransaction(uow.trx)
    project.merge({
      customerId: customer.id,
      code: input.code,
      name: input.name,
      currency,
      status: 'active',
      contractAmount: this.optionalAmount('contractAmount', input.contractAmount, currency),
    })
    await project.save()
    uow.audit({
      entityType: 'project',
      entityId: project.id,
      action: 'create',
      after: serializeProject(project),
    })
    return project
  }

  /** Applies the input and saves, audited in the same unit of work (`before`: none when new). */
  private async save(
    uow: UnitOfWork,
    customer: Customer,
    input: UpdateCustomerInput,
    action: 'create' | 'update',
    before?: Record<string, unknown>
  ) {
    await this.assign(uow, customer, input)
    await customer.save()
    uow.audit({
      entityType: 'customer',
      entityId: customer.id,
      action,
      before,
      after: serializeCustomer(customer),
    })
  }

  private async assign(uow: UnitOfWork, customer: Customer, input: UpdateCustomerInput) {
    const currency = input.defaultCurrency ?? customer.defaultCurrency
    if (input.salesOwnerId) await this.assertSalesOwner(uow, input.salesOwnerId)
    customer.merge({
      name: input.name ?? customer.name,
      contactEmail: input.contactEmail === undefined ? customer.contactEmail : input.contactEmail,
      defaultCurrency: currency,
      creditLimit:
        input.creditLimit === undefined
          ? (customer.creditLimit ?? '0')
          : parseAmount('creditLimit', input.creditLimit, currency, { allowZero: true }).toFixed(),
      lowBalanceThreshold:
        input.lowBalanceThreshold === undefined
          ? (customer.lowBalanceThreshold ?? null)
          : this.optionalAmount('lowBalanceThreshold', input.lowBalanceThreshold, currency),
      salesOwnerId:
        input.salesOwnerId === undefined ? (customer.salesOwnerId ?? null) : input.salesOwnerId,
      department: input.department === undefined ? (customer.department ?? null) : input.department,
      address: input.address === undefined ? (customer.address ?? null) : input.address,
      nameEn: input.nameEn === undefined ? (customer.nameEn ?? null) : input.nameEn,
      status: input.status ?? customer.status ?? 'active',
      customFields: input.customFields ?? customer.customFields,
    })
  }

  private optionalAmount(field: string, value: string | null | undefined, currency: string) {
    if (value === null || value === undefined) return null
    return parseAmount(field, value, currency, { allowZero: true }).toFixed()
  }

  private async assertSalesOwner(uow: UnitOfWork, userId: number) {
    const owner = await User.query({ client: uow.trx }).where('id', userId).first()
    if (!owner || !owner.isActive)
      throw new InvalidInput('salesOwnerId', 'exists', 'salesOwnerId must name an active user')
  }
}
