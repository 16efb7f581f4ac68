import vine from '@vinejs/vine'
import { CURRENCY_CODES } from '#kernel/money/currencies'

/**
 * Field rules shared by several validators. Amounts travel as decimal strings, never JSON numbers:
 * a binary float cannot carry money exactly.
 */
export const amountString = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{1,12}(\.\d{1,10})?$/)

export const signedAmountString = () =>
  vine
    .string()
    .trim()
    .regex(/^-?\d{1,12}(\.\d{1,10})?$/)

export const currencyCode = () => vine.string().trim().toUpperCase().in(CURRENCY_CODES)

export const plainDate = () => vine.date({ formats: ['YYYY-MM-DD'] })

/**
 * A record id: a positive integer JavaScript holds exactly (ids are PostgreSQL bigints, < 2^63; one
 * beyond 2^53 cannot exist here and would reach the database as an imprecise number).
 */
export const MAX_RECORD_ID = Number.MAX_SAFE_INTEGER
export const recordId = () => vine.number().withoutDecimals().positive().max(MAX_RECORD_ID)

/** A page number: far beyond any real list, but never an OFFSET PostgreSQL cannot hold. */
export const pageNumber = () => vine.number().withoutDecimals().min(1).max(1_000_000)

/** A memo (摘要) on a journal or a document: free text, the same limit wherever one is written. */
export const memoText = () => vine.string().trim().maxLength(500)
