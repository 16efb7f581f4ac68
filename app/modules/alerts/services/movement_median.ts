import { Money } from '#kernel/money/money'

/** How many of the customer's latest movements the abnormal-movement median looks at. */
export const MEDIAN_HISTORY = 100

export interface Median {
  count: number
  value: Money
}

/**
 * A customer's latest movements of one kind, newest first (entry date, then id), long enough to
 * hold the latest MEDIAN_HISTORY before each journal of a pass. Read once per customer and pass,
 * the medians of all its journals come from it without reading again.
 */
export class MovementHistory {
  /** positions in `ids`/`amounts`, by amount */
  private byAmount: number[]

  constructor(
    private ids: number[],
    private amounts: Money[]
  ) {
    this.byAmount = amounts.map((_, position) => position)
    this.byAmount.sort((a, b) => amounts[a].comparedTo(amounts[b]))
  }

  static fromRow(ids: Array<string | number> | null, amounts: string[] | null): MovementHistory {
    return new MovementHistory(
      (ids ?? []).map(Number),
      (amounts ?? []).map((amount) => new Money(amount))
    )
  }

  /**
   * The median of the latest MEDIAN_HISTORY movements before `journalId` (ids are assigned in
   * posting order): the middle one, or the mean of the two middle ones; null without history.
   */
  medianBefore(journalId: number): Median | null {
    const inWindow = new Uint8Array(this.ids.length)
    let count = 0
    for (let i = 0; i < this.ids.length && count < MEDIAN_HISTORY; i++) {
      if (this.ids[i] < journalId) {
        inWindow[i] = 1
        count++
      }
    }
    if (count === 0) return null
    const lower = Math.floor((count + 1) / 2)
    const upper = Math.floor(count / 2) + 1
    const middle: Money[] = []
    let rank = 0
    for (const position of this.byAmount) {
      if (!inWindow[position]) continue
      rank++
      if (rank === lower) middle.push(this.amounts[position])
      if (rank === upper) {
        middle.push(this.amounts[position])
        break
      }
    }
    return { count, value: middle[0].plus(middle[1]).dividedBy(2) }
  }
}
