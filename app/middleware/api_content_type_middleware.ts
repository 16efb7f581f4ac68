import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { ApiError } from '#kernel/errors'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * File uploads take multipart bodies. That is safe against CSRF because the API authenticates by
 * bearer token only: a cross-site form cannot attach the Authorization header.
 */
const MULTIPART_UPLOADS = new Set(['POST /api/v1/imports', 'POST /api/v1/bank-statements'])

/** An /api call: answered in JSON whatever happens, authenticated by bearer token only. */
export function isApiCall(ctx: HttpContext): boolean {
  return ctx.request.url().startsWith('/api/')
}

/**
 * The JSON API takes JSON bodies only. A form or multipart body is what a hostile page can make a
 * browser send without a CORS preflight (CSRF), so it is refused with 415 before it is parsed.
 * Runs as server middleware: before the body parser, and for unknown routes too.
 */
export default class ApiContentTypeMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    if (
      isApiCall(ctx) &&
      BODY_METHODS.has(ctx.request.method()) &&
      ctx.request.hasBody() &&
      !ctx.request.is(['application/json', 'application/*+json']) &&
      !isMultipartUpload(ctx)
    ) {
      throw new ApiError(415, [
        {
          field: null,
          rule: 'unsupported_media_type',
          message: 'the API accepts only JSON bodies (Content-Type: application/json)',
        },
      ])
    }
    return next()
  }
}

function isMultipartUpload(ctx: HttpContext): boolean {
  const route = `${ctx.request.method()} ${ctx.request.url().replace(/\/+$/, '')}`
  return MULTIPART_UPLOADS.has(route) && Boolean(ctx.request.is(['multipart/form-data']))
}
