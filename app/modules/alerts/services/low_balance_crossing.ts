/**
 * A LATERAL join giving `crossed.on_date`: the last entry date on which the customer's available
 * balance in a currency (running ledger balance − what is reserved now) went from at or
 * above its low-balance line to below it — the date a low-balance alert is about. Null when the
 * ledger never crossed it (only a reservation took the balance below): the evaluation's date.
 * Read only for customers already below the line (the outer WHERE runs first), one index range each.
 * Needs `c` (customers), `l` (its customer_currency_limits row) and `b` (its balance in l's currency).
 */
export const CROSSED_BELOW = `
  LEFT JOIN LATERAL (
    SELECT max(days.entry_date) AS on_date
      FROM (SELECT entry_date, closing,
                   lag(closing) OVER (ORDER BY entry_date) AS previous
              FROM (SELECT j.entry_date,
                           sum(sum(j.credit - j.debit)) OVER (ORDER BY j.entry_date) - b.pending
                             AS closing
                      FROM journal_lines j
                     WHERE j.customer_id = c.id AND j.currency = l.currency
                     GROUP BY j.entry_date) running) days
     WHERE days.closing < l.low_balance_threshold
       AND (days.previous IS NULL OR days.previous >= l.low_balance_threshold)
  ) crossed ON true`
