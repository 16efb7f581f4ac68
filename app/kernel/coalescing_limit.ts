interface Waiting<T> {
  item: T
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * After-commit work done for every item, in passes: at most `limit` passes run at once, and the
 * items that arrive while they all run wait together for the next pass. An idle queue starts a
 * pass of one item at once; a burst costs a few passes, not one per item, so work done per pass
 * (one statement for all the items) does not grow with the load. The connection pool the requests
 * need is never taken over by this work.
 */
export class CoalescingLimit<T, R> {
  private running = 0
  private waiting: Array<Waiting<T>> = []
  private gathering: NodeJS.Timeout | undefined

  /**
   * `pass` runs in a slot; `after` (optional) runs once per pass with its result, after the slot
   * is free (work that needs no database connection of the queue's, such as emails). With
   * `gatherMs`, a free slot waits that long for more items before it starts a pass: a steady
   * stream then makes passes of many items instead of many passes of one or two.
   */
  constructor(
    private limit: number,
    private pass: (items: T[]) => Promise<R>,
    private after: (result: R) => Promise<void> = async () => {},
    private gatherMs = 0
  ) {}

  /** Resolves once the pass that took the item (and its `after`) is done; rejects with its error. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject })
      this.startPass()
    })
  }

  private startPass() {
    if (this.running >= this.limit || this.waiting.length === 0 || this.gathering) return
    if (this.gatherMs > 0) {
      this.gathering = setTimeout(() => {
        this.gathering = undefined
        this.runPass()
      }, this.gatherMs)
      return
    }
    this.runPass()
  }

  private runPass() {
    if (this.running >= this.limit || this.waiting.length === 0) return
    const batch = this.waiting.splice(0)
    this.running++
    const passed = Promise.resolve()
      .then(() => this.pass(batch.map((waiting) => waiting.item)))
      .finally(() => {
        this.running--
        this.startPass()
      })
    passed.then(this.after).then(
      () => batch.forEach((waiting) => waiting.resolve()),
      (error) => batch.forEach((waiting) => waiting.reject(error))
    )
  }
}
