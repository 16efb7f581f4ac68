import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#exceptions/api_errors'
import { isApiCall } from '#middleware/api_content_type_middleware'

/** The path (e.g. `installments.2.label`) of the first string holding U+0000, or null. */
export function findNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (value === null || typeof value !== 'object') return null
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key
    if (key.includes('\u0000')) return childPath
    const found = findNulCharacter(child, childPath)
    if (found !== null) return found
  }
  return null
}

/**
 * Checks every API input before any handler runs: PostgreSQL cannot store U+0000 in text (it would
 * answer with an error, not a refusal). (A bare JSON string or null is refused by the body parser's
 * strict mode, answered as JSON by the exception handler.)
 */
export default class ApiInputMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (!isApiCall(ctx)) return next()
    const nul =
      findNulCharacter(ctx.params, 'params') ??
      findNulCharacter(ctx.request.qs(), 'query') ??
      findNulCharacter(ctx.request.body(), 'body')
    if (nul !== null) {
      throw new ApiError(422, [
        {
          field: nul.replace(/^(params|query|body)\.?/, '') || null,
          rule: 'nul_character',
          message: 'text must not contain the NUL character (U+0000)',
        },
      ])
    }
    return next()
  }
}
