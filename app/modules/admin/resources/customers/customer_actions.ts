import app from '@adonisjs/core/services/app'
import { Customer } from '#modules/customers/public'
import { CustomerService } from '#modules/customers/public'
import { CustomerUpdates } from '#workflows/customer_updates'
import {
  createCustomerValidator,
  createProjectValidator,
  updateCustomerValidator,
} from '#modules/customers/public'
import { reachOwner } from '#modules/customers/public'
import { afterGate } from '#modules/admin/panel/after_gate'
import { formHandler, formAction } from '#modules/admin/panel/form_action'
import { allows } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'

const customerUpdates = () => app.container.make(CustomerUpdates)
const customerService = () => app.container.make(CustomerService)

/** Back to the record's page with "<code> ✓". */
const saved = (resourceId: string) => (record: { id: number; code: string }, context: any) => ({
  redirectUrl: showUrl(context, resourceId, record.id),
  message: `${record.code} ✓`,
})

/** New and edit, through CustomerUpdates (the API's service, with its approval gate). */
export const customerActions = (form: string[]) => ({
  new: formAction({
    permission: 'customers.write',
    validator: createCustomerValidator,
    run: async (uow, input, user) => {
      // As the API: sales register customers for themselves.
      input.salesOwnerId = reachOwner(user) ?? input.salesOwnerId
      // A non-zero credit limit awaits approval; the customer starts at 0.
      const updates = await customerUpdates()
      const { customer } = await updates.create(uow, input)
      return customer
    },
    done: saved('customers'),
  }),
  edit: {
    isAccessible: allows('customers.write'),
    editProperties: form.filter((p) => p !== 'code'),
    handler: formHandler({
      permission: 'customers.write',
      validator: updateCustomerValidator,
      customerOf: (_input, _uow, context) => Number(context.record!.id()),
      // Same gate as the API: a credit-limit change or a deactivation awaits approval.
      run: async (uow, input, _user, context) =>
        customerUpdates().then((updates) =>
          updates.submit(uow, Number(context.record!.id()), input)
        ),
      done: afterGate(saved('customers')),
    }),
  },
})

/** A new project of a customer, through CustomerService. */
export const projectActions = {
  new: formAction<any>({
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
    done: saved('projects'),
  }),
}
