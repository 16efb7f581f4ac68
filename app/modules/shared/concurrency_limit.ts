/**
 * Runs at most `limit` tasks at a time; the others wait their turn in arrival order. Used for
 * after-commit work that must happen for every event but must not take over the connection pool
 * the requests need when events arrive faster than the work finishes.
 */
export class ConcurrencyLimit {
  private running = 0
  private waiting: Array<() => void> = []

  constructor(private limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await task()
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), or free it.
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}
