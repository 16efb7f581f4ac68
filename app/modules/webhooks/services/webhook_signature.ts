import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * How a delivery is signed: HMAC-SHA256 with the subscription's secret over
 * `${timestamp}.${body}` (timestamp in Unix seconds, body the exact bytes sent), as hex, in
 * `X-AdvanceLedger-Signature: sha256=<hex>` next to `X-AdvanceLedger-Timestamp`. Receivers
 * recompute it (README, "Webhooks") and refuse old timestamps to stop replays.
 */
export const SIGNATURE_HEADER = 'x-advanceledger-signature'
export const TIMESTAMP_HEADER = 'x-advanceledger-timestamp'
export const EVENT_ID_HEADER = 'x-advanceledger-event-id'
export const EVENT_TYPE_HEADER = 'x-advanceledger-event-type'
export const DELIVERY_ID_HEADER = 'x-advanceledger-delivery-id'

export function signature(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

/** The receiver's check (used by the tests as a receiver would): constant-time compare. */
export function verifySignature(secret: string, timestamp: string, body: string, header: string) {
  const expected = Buffer.from(signature(secret, Number(timestamp), body))
  const given = Buffer.from(header)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** A new signing secret, generated here (never typed by a person). */
export function newSecret(): string {
  return 'whsec_' + randomBytes(24).toString('base64url')
}
