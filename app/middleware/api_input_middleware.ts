import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#kernel/errors'
import { isApiCall } from '#middleware/api_content_type_middleware'
import { MAX_RECORD_ID } from '#kernel/validation_rules'

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
 * Path ids matched as numbers (`router.matchers.number()`) name a record only as positive integers
 * held exactly. (Text ids, such as an audit entity's, stay text.)
 */
function pathIdsInRange(params: Record<string, unknown>): boolean {
  return Object.values(params).every(
    (value) =>
      typeof value !== 'number' || (Number.isInteger(value) && value >= 1 && value <= MAX_RECORD_ID)
  )
}

/**
 * Checks every API input before any handler runs: PostgreSQL cannot store U+0000 in text (it would
 * answer with an error, not a refusal), and a path id beyond a bigint would reach it as one. (A bare JSON string or null is refused by the body parser's
 * strict mode, answered as JSON by the exception handler.)
 */
export default class ApiInputMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (!isApiCall(ctx)) return next()
    if (!pathIdsInRange(ctx.params)) {
      throw new ApiError(404, [{ field: null, rule: 'not_found', message: 'Not found' }])
    }
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
