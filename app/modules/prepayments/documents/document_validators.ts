import vine from '@vinejs/vine'
import { DOCUMENT_TYPES } from '#modules/prepayments/ledger/accounts'
import { customerAmount } from '#modules/prepayments/validators/posting_validators'
import {
  amountString,
  currencyCode,
  memoText,
  pageNumber,
  plainDate,
  recordId,
} from '#kernel/validation_rules'

/** A document (发票 / 订单 / 送货单): its number is unique per customer. */
export const createDocumentValidator = vine.compile(
  vine.object({
    ...customerAmount,
    kind: vine.enum(DOCUMENT_TYPES),
    number: vine.string().trim().minLength(1).maxLength(80),
    documentDate: plainDate(),
    dueDate: plainDate().optional(),
    memo: memoText().optional(),
  })
)

export const listDocumentsValidator = vine.compile(
  vine.object({
    customerId: recordId().optional(),
    projectId: recordId().optional(),
    status: vine.enum(['open', 'settled', 'cancelled'] as const).optional(),
    number: vine.string().trim().maxLength(80).optional(),
    page: pageNumber().optional(),
  })
)

export const cancelDocumentValidator = vine.compile(
  vine.object({
    reason: vine.string().trim().minLength(1).maxLength(500),
  })
)

/** 反核销: give back all or part of one application (an amount ≤ what it still applies). */
export const unapplicationValidator = vine.compile(
  vine.object({
    amount: amountString(),
    reason: vine.string().trim().minLength(1).maxLength(500),
    entryDate: plainDate().optional(),
  })
)

export const suggestionQueryValidator = vine.compile(
  vine.object({
    order: vine.enum(['oldest', 'project'] as const).optional(),
    currency: currencyCode().optional(),
  })
)

/** The reviewed suggestions, applied in one action: each through the same path as POST /applications. */
export const applySuggestionsValidator = vine.compile(
  vine.object({
    entryDate: plainDate().optional(),
    items: vine
      .array(
        vine.object({
          documentId: recordId(),
          amount: amountString(),
        })
      )
      .minLength(1)
      .maxLength(200),
  })
)
