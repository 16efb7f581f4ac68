import { Decimal } from 'decimal.js'

/** Why the matcher names a customer for a bank line, strongest first. */
export type MatchReason =
  'reference' | 'payer_account' | 'project_code' | 'customer_code' | 'payer_name' | 'amount_date'

/** What one piece of evidence is worth on its own (the table is the specification). */
export const REASON_CONFIDENCE: Record<
  Exclude<MatchReason, 'payer_name' | 'amount_date'>,
  string
> = {
  // the receipt carries the bank's own reference and the same amount
  reference: '1.000',
  // finance confirmed money from this account for this customer before
  payer_account: '0.950',
  // a contract / project code in the memo (附言): specific, but typed by the payer
  project_code: '0.920',
  customer_code: '0.900',
}

/** A payer name after normalisation (company-form words dropped) equal to the customer's. */
export const EXACT_NAME_CONFIDENCE = '0.880'
/** A similar name counts at most this much, scaled by the trigram similarity. */
export const FUZZY_NAME_WEIGHT = '0.850'

export interface Signal {
  customerId: number
  projectId: number | null
  reason: MatchReason
  confidence: Decimal
}

/** The confidence of a payer-name match from its pg_trgm similarity (0..1). */
export function nameConfidence(similarity: string | number): Decimal {
  const value = new Decimal(similarity)
  if (value.gte(1)) return new Decimal(EXACT_NAME_CONFIDENCE)
  return value.times(FUZZY_NAME_WEIGHT).toDecimalPlaces(3, Decimal.ROUND_DOWN)
}

/**
 * The customer a line's signals point at. Independent signals for the same customer add up as
 * 1 − Π(1 − cᵢ) (two 0.9s make 0.99), capped below certainty; the strongest signal names the
 * reason. Signals for different customers compete: the winner loses what the runner-up has.
 */
export function bestCustomer(signals: Signal[]): Signal | null {
  if (signals.length === 0) return null
  const byCustomer = new Map<number, Signal[]>()
  for (const signal of signals) {
    byCustomer.set(signal.customerId, [...(byCustomer.get(signal.customerId) ?? []), signal])
  }
  const ranked = [...byCustomer.values()]
    .map((group) => {
      const strongest = group.reduce((a, b) => (b.confidence.gt(a.confidence) ? b : a))
      const doubt = group.reduce(
        (product, s) => product.times(new Decimal(1).minus(s.confidence)),
        new Decimal(1)
      )
      const combined = Decimal.min(new Decimal(1).minus(doubt), new Decimal('0.990'))
      const projectId = group.find((s) => s.projectId !== null)?.projectId ?? null
      return {
        ...strongest,
        projectId,
        confidence: group.length > 1 ? combined : strongest.confidence,
      }
    })
    .sort((a, b) => b.confidence.comparedTo(a.confidence))
  const [first, second] = ranked
  if (!second) return first
  const margin = first.confidence.minus(second.confidence)
  if (margin.lte(0)) return null // a tie names nobody
  return {
    ...first,
    confidence: Decimal.min(first.confidence, margin.plus('0.5')).toDecimalPlaces(3),
  }
}

/**
 * Code-like words in a memo (HT-2026-017, PO5561, C001): letters followed by digits or dashes.
 * Lower case, as the code indexes compare them.
 */
export function codeTokens(memo: string | null): string[] {
  if (!memo) return []
  const tokens =
    memo.match(/[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+|[A-Za-z]{1,8}\d{2,}[A-Za-z0-9]*/g) ?? []
  return [...new Set(tokens.map((token) => token.toLowerCase()))]
}
