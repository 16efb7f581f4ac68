import { DateTime } from 'luxon'

/** Deterministic pseudo-random numbers, so every demo install shows the same books. */
export function prng(seed: number) {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
}

/** A plain date of the demo's calendar as the Date the services take. */
export const asDate = (iso: string) => DateTime.fromISO(iso).toJSDate()
