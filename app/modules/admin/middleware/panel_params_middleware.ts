import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** A path segment as typed, or as it came when it is not valid percent-encoding. */
function decoded(value: unknown) {
  if (typeof value !== 'string') return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * On the authenticated AdminJS routes: the router hands AdminJS its path segments still
 * percent-encoded ("华东" arrives as "%E5%8D%8E%E4%B8%9C"), so a picker's search for a Chinese
 * name, or a record id with other than ASCII letters and digits, would look for the encoded text.
 * Decoded here once, for every AdminJS action.
 */
export async function decodePanelParams(ctx: HttpContext, next: NextFn) {
  const params = ctx.params as Record<string, unknown>
  for (const [name, value] of Object.entries(params)) params[name] = decoded(value)
  return next()
}
