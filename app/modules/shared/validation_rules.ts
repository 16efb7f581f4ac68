import vine from '@vinejs/vine'
import { CURRENCY_CODES } from '#modules/prepayments/money/currencies'

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

export const recordId = () => vine.number().withoutDecimals().positive()
