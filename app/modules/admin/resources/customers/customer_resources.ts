import type { ResourceWithOptions } from 'adminjs'
import { ownCustomersOnly } from '#modules/admin/panel/panel_user'
import { tableResource, fields } from '#modules/admin/panel/resource_helpers'
import {
  customerActions,
  projectActions,
} from '#modules/admin/resources/customers/customer_actions'
import {
  customerColumns,
  projectColumns,
} from '#modules/admin/resources/customers/customer_columns'
import {
  currencyLimitsAction,
  currencyLimitsColumn,
} from '#modules/admin/resources/currency_fx_panel'

const nav = { name: 'customers', icon: 'Users' }

const customerForm = fields(
  'code name contactEmail defaultCurrency creditLimit lowBalanceThreshold salesOwnerId department status'
)

function customersResource() {
  return tableResource(
    {
      id: 'customers',
      table: 'customers',
      scope: ownCustomersOnly('customers.id'),
      columns: [...customerColumns, currencyLimitsColumn],
    },
    'customers.read',
    {
      navigation: nav,
      sort: { sortBy: 'code', direction: 'asc' },
      listProperties: ['code', 'name', 'balances', 'salesOwnerId', 'status'],
      // The form's fields, with the balances after the name and the last change at the end.
      showProperties: [
        ...customerForm.slice(0, 2),
        ...fields('balances available'),
        ...customerForm.slice(2),
        'currencyLimits',
        'updatedAt',
      ],
      editProperties: customerForm,
      filterProperties: ['label', 'salesOwnerId', 'department', 'status'],
      actions: { ...customerActions(customerForm), currencyLimits: currencyLimitsAction } as any,
    }
  )
}

function projectsResource() {
  return tableResource(
    {
      id: 'projects',
      table: 'projects',
      scope: ownCustomersOnly('projects.customer_id'),
      columns: projectColumns,
    },
    'customers.read',
    {
      navigation: nav,
      listProperties: ['code', 'name', 'customerId', 'contractAmount', 'status'],
      editProperties: ['customerId', 'code', 'name', 'contractAmount', 'currency'],
      filterProperties: ['label', 'customerId', 'status'],
      actions: projectActions,
    }
  )
}

export function customerResources(): ResourceWithOptions[] {
  return [customersResource(), projectsResource()]
}
