/**
 * The PDF renderer cannot print: no browser, one that cannot be executed or crashes, or a page that
 * never finished. The message says what to fix; callers answer it (API: 503, ace: one line, worker:
 * a failed delivery retried later) and the process carries on.
 */
export class RendererUnavailable extends Error {
  readonly code = 'renderer_unavailable'

  constructor(message: string, options?: { cause?: unknown }) {
    super(`PDF renderer unavailable: ${message}`, options)
    this.name = 'RendererUnavailable'
  }
}

/** Any renderer failure as a RendererUnavailable (kept as is when it already is one). */
export function asRendererUnavailable(error: unknown, doing: string): RendererUnavailable {
  if (error instanceof RendererUnavailable) return error
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
  return new RendererUnavailable(
    `${doing} failed (${reason.slice(0, 200)}); it is retried on the next request. If it persists, ` +
      'check the browser: set CHROMIUM_PATH to a working Chromium or PDF_BROWSER=bundled',
    { cause: error }
  )
}
