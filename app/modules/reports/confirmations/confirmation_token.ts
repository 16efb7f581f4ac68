import { createHmac, timingSafeEqual } from 'node:crypto'
import env from '#start/env'
import { publicUrl } from '#kernel/public_url'

/**
 * The signed link of a statement delivery (no login): `<deliveryId>.<expiry>.<signature>`, the
 * signature an HMAC-SHA256 with a key derived from APP_KEY over the delivery id, the SHA-256 of
 * the PDF that was sent and the expiry (unix seconds). A token for another delivery, another PDF,
 * an altered expiry or a different key does not verify.
 */
const FORMAT = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/

function signingKey(): Buffer {
  // a key for this purpose only: a token never doubles as another signature made with APP_KEY
  return createHmac('sha256', env.get('APP_KEY')).update('statement-confirmation/v1').digest()
}

function signature(deliveryId: number, pdfSha256: string, expiresAt: number): Buffer {
  return createHmac('sha256', signingKey())
    .update(`${deliveryId}:${pdfSha256}:${expiresAt}`)
    .digest()
}

export function signConfirmationToken(deliveryId: number, pdfSha256: string, expires: Date) {
  const expiresAt = Math.floor(expires.getTime() / 1000)
  return `${deliveryId}.${expiresAt}.${signature(deliveryId, pdfSha256, expiresAt).toString('base64url')}`
}

/** The parts of a well-formed token (nothing is verified yet), or null. */
export function parseConfirmationToken(token: string) {
  const match = FORMAT.exec(token)
  if (!match) return null
  return { deliveryId: Number(match[1]), expiresAt: Number(match[2]), signature: match[3] }
}

/** True when the token was made for this delivery and PDF and has not expired. */
export function verifyConfirmationToken(
  token: string,
  delivery: { id: number; pdfSha256: string },
  now = new Date()
): boolean {
  const parts = parseConfirmationToken(token)
  if (!parts || parts.deliveryId !== delivery.id) return false
  const expected = signature(delivery.id, delivery.pdfSha256, parts.expiresAt)
  const given = Buffer.from(parts.signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
  return parts.expiresAt * 1000 > now.getTime()
}

/** How long a link stays valid (STATEMENT_LINK_DAYS, default 60 days). */
export function linkLifetimeDays(): number {
  return env.get('STATEMENT_LINK_DAYS') ?? 60
}

/** The public address of the confirmation page (PUBLIC_URL, default http://localhost:PORT). */
export function confirmationUrl(token: string): string {
  return publicUrl(`/s/${token}`)
}
