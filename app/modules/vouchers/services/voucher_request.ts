import { DateTime } from 'luxon'
import type { Infer } from '@vinejs/vine/types'
import { InvalidInput } from '#kernel/errors'
import { plainDateOf } from '#modules/prepayments/public'
import type { VoucherExportRequest } from '#modules/vouchers/services/voucher_export'
import type { voucherExportValidator } from '#modules/vouchers/validators/voucher_validators'

/** At most this many days per export: a year and its closing days. */
const MAX_DAYS = 400

/** The validated query as an export request: a period becomes its first and last day. */
export function voucherRequest(input: Infer<typeof voucherExportValidator>): VoucherExportRequest {
  let from: string
  let to: string
  if (input.period) {
    const month = DateTime.fromISO(`${input.period}-01`)
    from = month.toISODate()!
    to = month.endOf('month').toISODate()!
  } else {
    from = plainDateOf(input.from!)
    to = plainDateOf(input.to!)
  }
  if (to < from) throw new InvalidInput('to', 'after_or_equal', 'to must not be before from')
  const days = DateTime.fromISO(to).diff(DateTime.fromISO(from), 'days').days
  if (days > MAX_DAYS) {
    throw new InvalidInput('to', 'range', `export at most ${MAX_DAYS} days at once`)
  }
  return {
    from,
    to,
    format: input.format ?? 'csv',
    layout: input.layout ?? 'standard',
    mode: input.mode ?? 'journal',
    voucherWord: input.voucherWord ?? '记',
  }
}
