import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import type { ActionContext, ResourceWithOptions } from 'adminjs'
import { allows, ownCustomersOnly } from '#modules/admin/panel/panel_user'
import { fields } from '#modules/admin/panel/resource_helpers'
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

const customersArea = panelArea(MENU.customers, 'customers.read')

/** 客户全景: the customer's page staff live in (resources/admin/components/customer_360.jsx). */
const customer360Action = {
  actionType: 'record',
  icon: 'Eye',
  component: 'Customer360',
  showInDrawer: false,
  isAccessible: allows('ledger.read'),
  handler: async (_request: unknown, _response: unknown, context: ActionContext) => ({
    record: context.record!.toJSON(context.currentAdmin),
  }),
}

const customerForm = fields(
  'code name nameEn contactEmail address defaultCurrency creditLimit lowBalanceThreshold salesOwnerId department status'
)

function customersResource() {
  return customersArea.resource(
    {
      table: 'customers',
      scope: ownCustomersOnly('customers.id'),
      columns: [...customerColumns, currencyLimitsColumn],
    },
    {
      sort: { sortBy: 'code', direction: 'asc' },
      listProperties: ['code', 'name', 'ownBalance', 'balances', 'salesOwnerId', 'status'],
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
      actions: {
        ...customerActions(customerForm),
        currencyLimits: currencyLimitsAction,
        customer360: customer360Action,
      } as any,
    }
  )
}

function projectsResource() {
  return customersArea.resource(
    {
      table: 'projects',
      scope: ownCustomersOnly('projects.customer_id'),
      columns: projectColumns,
    },
    {
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

/** Labels of the customers module's own additions (issue 17): the 360 action, the balance column. */
export const customerPanelTranslations = {
  'zh-CN': {
    actions: { customer360: '客户全景' },
    properties: { ownBalance: '余额（本币）', q: '搜索' },
  },
  'en': {
    actions: { customer360: 'Customer 360' },
    properties: { ownBalance: 'Balance (own currency)', q: 'Search' },
  },
}
