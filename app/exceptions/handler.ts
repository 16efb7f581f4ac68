import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { ApiError, type ErrorDetail } from '#exceptions/api_errors'

/** SQLSTATEs our database triggers raise (see the ledger migrations), mapped to HTTP answers. */
const DATABASE_REFUSALS: Record<string, { status: number; rule: string }> = {
  'ALP01': { status: 409, rule: 'period_closed' },
  'ALI01': { status: 409, rule: 'immutable' },
  'ALI02': { status: 409, rule: 'immutable' },
  'ALB01': { status: 422, rule: 'unbalanced' },
  '23505': { status: 409, rule: 'unique' },
}

const STATUS_RULES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  429: 'too_many_requests',
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  async handle(error: unknown, ctx: HttpContext) {
    const answer = apiAnswerFor(error)
    if (
      answer &&
      (ctx.request.url().startsWith('/api/') || ctx.request.accepts(['html', 'json']) === 'json')
    ) {
      return ctx.response.status(answer.status).send({ errors: answer.errors })
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}

/** The {status, errors} answer for a refusal (API errors, Vine, database triggers); null otherwise. */
export function apiAnswerFor(error: unknown): { status: number; errors: ErrorDetail[] } | null {
  if (error instanceof ApiError) return { status: error.status, errors: error.details }
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    return { status: 422, errors: error.messages as ErrorDetail[] }
  }
  const sqlState = (error as { code?: string }).code
  if (sqlState && DATABASE_REFUSALS[sqlState]) {
    const { status, rule } = DATABASE_REFUSALS[sqlState]
    return { status, errors: [{ rule, message: (error as Error).message }] }
  }
  const status = (error as { status?: number }).status
  if (status && STATUS_RULES[status]) {
    const message = status === 404 ? 'Not found' : (error as Error).message
    return { status, errors: [{ rule: STATUS_RULES[status], message }] }
  }
  return null
}
