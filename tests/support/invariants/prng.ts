/**
 * A small seeded PRNG (mulberry32): the harness draws every choice from it, so a seed names a run.
 * (Concurrency still interleaves requests by timing; the operations each simulated user issues,
 * and their order, are the seed's.)
 */
export class Prng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** A key of `weights` drawn in proportion to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as Array<[K, number]>
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let draw = this.next() * total
    for (const [key, weight] of entries) {
      draw -= weight
      if (draw < 0) return key
    }
    return entries[entries.length - 1][0]
  }

  /** A child generator for one simulated user, derived from this one. */
  fork(): Prng {
    return new Prng(this.int(1, 2 ** 31 - 1))
  }
}

/** The run's seed: INVARIANT_SEED to replay one, otherwise a fresh one (printed by the harness). */
export function seedFromEnv(): number {
  const given = process.env.INVARIANT_SEED
  if (given && /^\d+$/.test(given)) return Number(given) >>> 0
  return Math.floor(Math.random() * 2 ** 31)
}
