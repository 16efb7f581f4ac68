import { fileTypeFromBuffer } from 'file-type'

/** Images and PDFs, recognised by their magic bytes (the name and the browser's type are not trusted). */
const ALLOWED = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'])
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024

export type AttachmentVerdict =
  { ok: true; type: string } | { ok: false; rule: 'too_large' | 'file_type' }

export async function checkAttachment(bytes: Buffer): Promise<AttachmentVerdict> {
  if (bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, rule: 'too_large' }
  const detected = await fileTypeFromBuffer(bytes)
  if (!detected || !ALLOWED.has(detected.mime)) return { ok: false, rule: 'file_type' }
  return { ok: true, type: detected.mime }
}
