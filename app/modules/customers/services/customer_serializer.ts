import type Customer from '#modules/customers/models/customer'
import type Project from '#modules/customers/models/project'
import { formatAmount } from '#kernel/money/money'

/** The wire and audit form of a customer: money as strings in the customer's currency. */
export function serializeCustomer(customer: Customer) {
  const currency = customer.defaultCurrency
  return {
    id: customer.id,
    code: customer.code,
    name: customer.name,
    contactEmail: customer.contactEmail ?? null,
    defaultCurrency: currency,
    creditLimit: formatAmount(customer.creditLimit, currency),
    lowBalanceThreshold:
      customer.lowBalanceThreshold === null
        ? null
        : formatAmount(customer.lowBalanceThreshold, currency),
    salesOwnerId: customer.salesOwnerId ?? null,
    department: customer.department ?? null,
    address: customer.address ?? null,
    nameEn: customer.nameEn ?? null,
    status: customer.status,
    customFields: customer.customFields,
    createdAt: customer.createdAt?.toISO() ?? null,
    updatedAt: customer.updatedAt?.toISO() ?? null,
  }
}

export function serializeProject(project: Project) {
  return {
    id: project.id,
    customerId: project.customerId,
    code: project.code,
    name: project.name,
    contractAmount:
      project.contractAmount === null
        ? null
        : formatAmount(project.contractAmount, project.currency),
    currency: project.currency,
    status: project.status,
  }
}
