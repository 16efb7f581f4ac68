/**
 * A nullable numeric column as the API shows it: null stays null, anything else a number (pg
 * returns bigint ids and numerics as strings).
 */
export function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value)
}
