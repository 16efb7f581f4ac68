import type { ResourceWithOptions } from 'adminjs'
import app from '@adonisjs/core/services/app'
import Customer from '#modules/customers/models/customer'
import { CustomerService } from '#modules/customers/services/customer_service'
import { CustomerUpdates } from '#workflows/customer_updates'
import { afterGate } from '#modules/admin/panel/after_gate'
import {
  createCustomerValidator,
  createProjectValidator,
  updateCustomerValidator,
} from '#modules/customers/validators/customer_validators'
import { reachOwner } from '#modules/customers/reach'
import { displayAmount } from '#modules/admin/panel/format'
import { formHandler } from '#modules/admin/panel/form_action'
import { allows, ownCustomersOnly } from '#modules/admin/panel/panel_user'
import {
  amountColumn,
  instant,
  showUrl,
  tableResource,
} from '#modules/admin/panel/resource_helpers'
import { CURRENCY_CODES } from '#kernel/money/currencies'

const nav = { name: 'customers', icon: 'Users' }
const currencies = [...CURRENCY_CODES]
const customerService = () => app.container.make(CustomerService)

/** "380,000.00 CNY · 1,000.00 USD" from the customer's balances (json_agg below). */
function balancesText(rows: Array<{ currency: string; balance: string }> | null) {
  return (rows ?? []).map((b) => displayAmount(b.balance, b.currency)).join(' · ')
}

export function customerResources(): ResourceWithOptions[] {
  const customerForm = [
    'code',
    'name',
    'contactEmail',
    'defaultCurrency',
    'creditLimit',
    'lowBalanceThreshold',
    'salesOwnerId',
    'department',
    'status',
  ]
  return [
    tableResource(
      {
        id: 'customers',
        table: 'customers',
        scope: ownCustomersOnly('customers.id'),
        columns: [
          { name: 'id', type: 'number', sortable: true },
          {
            name: 'label',
            sql: "customers.code || ' ' || customers.name",
            filter: 'ilike',
            isTitle: true,
          },
          { name: 'code', sql: 'customers.code', filter: 'ilike', sortable: true, required: true },
          { name: 'name', sql: 'customers.name', filter: 'ilike', required: true },
          { name: 'contactEmail', sql: 'customers.contact_email' },
          {
            name: 'defaultCurrency',
            sql: 'customers.default_currency',
            availableValues: currencies,
            required: true,
          },
          {
            name: 'balances',
            sql: `(SELECT json_agg(json_build_object('currency', b.currency, 'balance', b.balance)
                     ORDER BY b.currency) FROM customer_balances b WHERE b.customer_id = customers.id)`,
            compute: (row) => balancesText(row.balances),
          },
          {
            // 可用余额: balance minus what requests awaiting approval hold.
            name: 'available',
            sql: `(SELECT json_agg(json_build_object('currency', b.currency, 'balance', b.balance - b.pending)
                     ORDER BY b.currency) FROM customer_balances b WHERE b.customer_id = customers.id)`,
            compute: (row) => balancesText(row.available),
          },
          amountColumn('creditLimit', 'customers.credit_limit', 'defaultCurrency'),
          amountColumn('lowBalanceThreshold', 'customers.low_balance_threshold', 'defaultCurrency'),
          {
            name: 'salesOwnerId',
            sql: 'customers.sales_owner_id',
            reference: 'users',
            filter: 'exact',
          },
          { name: 'department', sql: 'customers.department', filter: 'ilike' },
          {
            name: 'status',
            sql: 'customers.status',
            availableValues: ['active', 'inactive'],
            filter: 'exact',
          },
          instant('updatedAt', 'customers.updated_at'),
        ],
      },
      'customers.read',
      {
        navigation: nav,
        sort: { sortBy: 'code', direction: 'asc' },
        listProperties: ['code', 'name', 'balances', 'salesOwnerId', 'status'],
        showProperties: [
          'code',
          'name',
          'balances',
          'available',
          'contactEmail',
          'defaultCurrency',
          'creditLimit',
          'lowBalanceThreshold',
          'salesOwnerId',
          'department',
          'status',
          'updatedAt',
        ],
        editProperties: customerForm,
        filterProperties: ['label', 'salesOwnerId', 'department', 'status'],
        actions: {
          new: {
            isAccessible: allows('customers.write'),
            handler: formHandler({
              permission: 'customers.write',
              validator: createCustomerValidator,
              run: async (uow, input, user) => {
                // As the API: sales register customers for themselves.
                input.salesOwnerId = reachOwner(user) ?? input.salesOwnerId
                // A non-zero credit limit awaits approval; the customer starts at 0.
                const updates = await app.container.make(CustomerUpdates)
                const { customer } = await updates.create(uow, input)
                return customer
              },
              done: (customer: Customer, context) => ({
                redirectUrl: showUrl(context, 'customers', customer.id),
                message: `${customer.code} ✓`,
              }),
            }),
          },
          edit: {
            isAccessible: allows('customers.write'),
            editProperties: customerForm.filter((p) => p !== 'code'),
            handler: formHandler({
              permission: 'customers.write',
              validator: updateCustomerValidator,
              customerOf: (_input, _uow, context) => Number(context.record!.id()),
              // Same gate as the API: a credit-limit change or a deactivation awaits approval.
              run: async (uow, input, _user, context) => {
                const updates = await app.container.make(CustomerUpdates)
                return updates.submit(uow, Number(context.record!.id()), input)
              },
              done: afterGate((customer: { id: number; code: string }, context) => ({
                redirectUrl: showUrl(context, 'customers', customer.id),
                message: `${customer.code} ✓`,
              })),
            }),
          },
        } as any,
      }
    ),
    tableResource(
      {
        id: 'projects',
        table: 'projects',
        scope: ownCustomersOnly('projects.customer_id'),
        columns: [
          { name: 'id', type: 'number', sortable: true },
          {
            name: 'label',
            sql: "projects.code || ' ' || projects.name",
            filter: 'ilike',
            isTitle: true,
          },
          {
            name: 'customerId',
            sql: 'projects.customer_id',
            reference: 'customers',
            filter: 'exact',
            required: true,
          },
          { name: 'code', sql: 'projects.code', filter: 'ilike', required: true },
          { name: 'name', sql: 'projects.name', filter: 'ilike', required: true },
          amountColumn('contractAmount', 'projects.contract_amount'),
          { name: 'currency', sql: 'projects.currency', availableValues: currencies },
          {
            name: 'status',
            sql: 'projects.status',
            availableValues: ['active', 'closed'],
            filter: 'exact',
          },
        ],
      },
      'customers.read',
      {
        navigation: nav,
        listProperties: ['code', 'name', 'customerId', 'contractAmount', 'status'],
        editProperties: ['customerId', 'code', 'name', 'contractAmount', 'currency'],
        filterProperties: ['label', 'customerId', 'status'],
        actions: {
          new: {
            isAccessible: allows('customers.write'),
            handler: formHandler<any>({
              permission: 'customers.write',
              validator: {
                validate: async (data: any) => ({
                  customerId: data.customerId,
                  ...(await createProjectValidator.validate(data)),
                }),
              },
              customerOf: (input) => Number(input.customerId) || null,
              run: async (uow, input) => {
                const customer = await Customer.findOrFail(Number(input.customerId), {
                  client: uow.trx,
                })
                const service = await customerService()
                return service.addProject(uow, customer, input)
              },
              done: (project: { id: number; code: string }, context) => ({
                redirectUrl: showUrl(context, 'projects', project.id),
                message: `${project.code} ✓`,
              }),
            }),
          },
        },
      }
    ),
  ]
}
