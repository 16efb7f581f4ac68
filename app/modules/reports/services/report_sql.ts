/**
 * SQL fragments shared by the report builders. A line's effect on the advance balance is
 * credit − debit on Customer Advances (2203, the lines carrying customer_id). A reversal counts in the
 * category of the journal it reverses, so "received" is net of reversed (duplicate) receipts and
 * opening + received − applied − refunded + adjusted = closing holds exactly.
 */
/** A period's movements as exact decimal strings (the columns movementColumns() selects). */
export interface Movements {
  opening: string
  received: string
  applied: string
  refunded: string
  adjusted: string
  closing: string
}

export const LINES_FROM = `
  FROM journal_lines l
  JOIN journals j ON j.id = l.journal_id
  LEFT JOIN journals o ON o.id = j.reverses_journal_id
 WHERE l.customer_id IS NOT NULL`

// a 反核销 (unapplication) gives back part of an application: it counts, negatively, as applied
export const CATEGORY = `coalesce(o.kind, CASE j.kind WHEN 'unapplication' THEN 'application' ELSE j.kind END)`

/** Sums of one amount pair (e.g. 'l.credit'/'l.debit' or 'l.base_credit'/'l.base_debit'). */
export function movementColumns(credit: string, debit: string) {
  const effect = `(${credit} - ${debit})`
  const inPeriod = `l.entry_date BETWEEN :from AND :to`
  return `
    coalesce(sum(${effect}) FILTER (WHERE l.entry_date < :from), 0) AS opening,
    coalesce(sum(${effect}) FILTER (WHERE ${inPeriod} AND ${CATEGORY} = 'receipt'), 0) AS received,
    coalesce(-sum(${effect}) FILTER (WHERE ${inPeriod} AND ${CATEGORY} = 'application'), 0) AS applied,
    coalesce(-sum(${effect}) FILTER (WHERE ${inPeriod} AND ${CATEGORY} = 'refund'), 0) AS refunded,
    coalesce(sum(${effect}) FILTER (WHERE ${inPeriod} AND ${CATEGORY} = 'adjustment'), 0) AS adjusted,
    coalesce(sum(${effect}) FILTER (WHERE l.entry_date <= :to), 0) AS closing`
}
