import vine from '@vinejs/vine'
import { CHANNELS, DOCUMENT_TYPES } from '#modules/prepayments/ledger/accounts'
import {
  amountString,
  currencyCode,
  memoText,
  plainDate,
  recordId,
  signedAmountString,
} from '#kernel/validation_rules'

/** Whose money and how much: a movement's and a document's (documents/document_validators.ts). */
export const customerAmount = {
  customerId: recordId(),
  projectId: recordId().optional(),
  amount: amountString(),
  currency: currencyCode(),
}

const movement = {
  ...customerAmount,
  entryDate: plainDate().optional(),
  memo: memoText().optional(),
}

export const receiptValidator = vine.compile(
  vine.object({
    ...movement,
    channel: vine.enum(CHANNELS),
    bankReference: vine.string().trim().minLength(1).maxLength(80).optional(),
  })
)

export const applicationValidator = vine.compile(
  vine.object({
    ...movement,
    // a document record (its kind, number and project), or a number by its kind (free text when
    // the customer has no document of that number)
    documentId: recordId().optional(),
    documentType: vine.enum(DOCUMENT_TYPES).optional().requiredIfMissing('documentId'),
    documentNo: vine
      .string()
      .trim()
      .minLength(1)
      .maxLength(80)
      .optional()
      .requiredIfMissing('documentId'),
  })
)

export const refundValidator = vine.compile(
  vine.object({
    ...movement,
    reason: vine.string().trim().minLength(1).maxLength(500).optional(),
  })
)

export const adjustmentValidator = vine.compile(
  vine.object({
    ...movement,
    amount: signedAmountString(),
    reason: vine.string().trim().minLength(1).maxLength(500),
  })
)

export const reversalValidator = vine.compile(
  vine.object({
    reason: vine.string().trim().minLength(1).maxLength(500),
    entryDate: plainDate().optional(),
  })
)

export const ledgerQueryValidator = vine.compile(
  vine.object({
    from: plainDate().optional(),
    to: plainDate().optional(),
    currency: currencyCode().optional(),
    projectId: recordId().optional(),
    // keyset pages (issue 20): without limit, every line of the period as before
    limit: vine.number().withoutDecimals().range([1, 1000]).optional(),
    cursor: vine.string().maxLength(64).optional(),
    // csv: the whole period streamed in pages (exports of long histories)
    format: vine.enum(['json', 'csv']).optional(),
  })
)

export const closePeriodValidator = vine.compile(
  vine.object({
    period: vine.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  })
)

export const exchangeRatesQueryValidator = vine.compile(
  vine.object({
    currency: currencyCode().optional(),
    from: plainDate().optional(),
    to: plainDate().optional(),
    limit: vine.number().withoutDecimals().range([1, 5000]).optional(),
  })
)

export const exchangeRateValidator = vine.compile(
  vine.object({
    currency: currencyCode(),
    rateDate: plainDate(),
    rate: vine
      .string()
      .trim()
      .regex(/^\d{1,10}(\.\d{1,10})?$/),
  })
)
