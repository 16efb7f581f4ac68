import type { HttpContext } from '@adonisjs/core/http'

/** The media types of the files the API and the panel hand out. */
export const FILE_TYPES = {
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const

/**
 * Content-Disposition for a (possibly Chinese) file name: an ASCII fallback for old clients and
 * the UTF-8 name (RFC 6266 `filename*`), `inline` to show it (a PDF) rather than save it.
 */
export function contentDisposition(fileName: string, inline = false) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export interface Download {
  type: string
  name: string
  body: Buffer | string
  inline?: boolean
  /** what else the caller may check: a digest, the ledger position, a row count */
  headers?: Record<string, string>
}

/** Sends a file with its type and name; a browser never guesses another type for it. */
export function sendDownload(ctx: HttpContext, file: Download) {
  ctx.response.header('Content-Type', file.type)
  ctx.response.header('Content-Disposition', contentDisposition(file.name, file.inline))
  ctx.response.header('X-Content-Type-Options', 'nosniff')
  for (const [name, value] of Object.entries(file.headers ?? {})) ctx.response.header(name, value)
  return ctx.response.send(file.body)
}
