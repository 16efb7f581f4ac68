import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { amountString, currencyCode, pageNumber, recordId } from '#kernel/validation_rules'

/** A customer's or project's code: what imports, statements and ERP mappings know it by. */
const recordCode = () =>
  vine
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/)

const displayName = () => vine.string().trim().minLength(1).maxLength(200)

const customerFields = {
  name: displayName(),
  contactEmail: vine.string().trim().email().maxLength(254).nullable().optional(),
  defaultCurrency: currencyCode(),
  creditLimit: amountString().optional(),
  lowBalanceThreshold: amountString().nullable().optional(),
  salesOwnerId: recordId().nullable().optional(),
  department: vine.string().trim().maxLength(80).nullable().optional(),
  /** printed on statements (对账单): the address, and the name an English statement uses */
  address: vine.string().trim().maxLength(300).nullable().optional(),
  nameEn: vine.string().trim().maxLength(200).nullable().optional(),
  status: vine.enum(['active', 'inactive']).optional(),
  customFields: vine.record(vine.any()).optional(),
}

export const createCustomerValidator = vine.compile(
  vine.object({
    code: recordCode(),
    ...customerFields,
  })
)

export const updateCustomerValidator = vine.compile(
  vine.object({
    name: customerFields.name.optional(),
    contactEmail: customerFields.contactEmail,
    defaultCurrency: currencyCode().optional(),
    creditLimit: customerFields.creditLimit,
    lowBalanceThreshold: customerFields.lowBalanceThreshold,
    salesOwnerId: customerFields.salesOwnerId,
    department: customerFields.department,
    address: customerFields.address,
    nameEn: customerFields.nameEn,
    status: customerFields.status,
    customFields: customerFields.customFields,
  })
)

export const listCustomersValidator = vine.compile(
  vine.object({
    q: vine.string().trim().maxLength(100).optional(),
    status: vine.enum(['active', 'inactive']).optional(),
    page: pageNumber().optional(),
    perPage: vine.number().withoutDecimals().min(1).max(200).optional(),
  })
)

export const createProjectValidator = vine.compile(
  vine.object({
    code: recordCode(),
    name: displayName(),
    contractAmount: amountString().nullable().optional(),
    currency: currencyCode().optional(),
  })
)

export type CreateCustomerInput = Infer<typeof createCustomerValidator>
export type UpdateCustomerInput = Infer<typeof updateCustomerValidator>
export type CreateProjectInput = Infer<typeof createProjectValidator>
