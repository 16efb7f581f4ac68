import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { ApiError, type ErrorDetail } from '#kernel/errors'
import { isApiCall } from '#middleware/api_content_type_middleware'

/**
 * SQLSTATEs answered as refusals: our triggers' own (see the ledger migrations), and the ones that
 * mean "this input cannot be stored" (a safety net behind the validators). PostgreSQL's own
 * messages name tables, constraints and values: they are replaced by ours.
 */
const UNAVAILABLE = {
  status: 503,
  rule: 'unavailable',
  message: 'the database connection was lost; retry with the same Idempotency-Key',
}

/**
 * What the pg driver says (without a SQLSTATE) about a connection cut under a query, and what knex
 * says of a later query in the transaction that connection carried (already rolled back).
 */
const LOST_CONNECTION =
  /Client has encountered a connection error|Connection terminated unexpectedly|Connection ended unexpectedly|read ECONNRESET|write EPIPE|Transaction query already complete/

const DATABASE_REFUSALS: Record<string, { status: number; rule: string; message: string }> = {
  'ALP01': { status: 409, rule: 'period_closed', message: 'the accounting period is closed' },
  'ALI01': { status: 409, rule: 'immutable', message: 'ledger records cannot be changed' },
  'ALI02': { status: 409, rule: 'immutable', message: 'ledger records cannot be changed' },
  'ALB01': { status: 422, rule: 'unbalanced', message: 'the journal does not balance' },
  23505: { status: 409, rule: 'unique', message: 'a record with these values already exists' },
  22003: { status: 422, rule: 'out_of_range', message: 'a number is out of range' },
  22021: { status: 422, rule: 'encoding', message: 'text holds a character that cannot be stored' },
  '22P02': { status: 422, rule: 'invalid', message: 'a value has the wrong form' },
  22007: { status: 422, rule: 'date', message: 'a date is invalid' },
  22008: { status: 422, rule: 'date', message: 'a date is out of range' },
  // the connection to PostgreSQL was cut (restart, failover, an administrator): nothing is known
  // to have committed unless a retry with the same Idempotency-Key replays it
  '57P01': UNAVAILABLE,
  '57P02': UNAVAILABLE,
  '57P03': UNAVAILABLE,
  '08006': UNAVAILABLE,
  '08003': UNAVAILABLE,
}

/** The answer for each status an error may carry; messages are fixed, never the error's own text. */
const STATUS_RULES: Record<number, { rule: string; message?: string }> = {
  400: { rule: 'bad_request', message: 'the request is malformed' },
  401: { rule: 'unauthenticated' },
  403: { rule: 'forbidden' },
  404: { rule: 'not_found', message: 'Not found' },
  405: { rule: 'method_not_allowed', message: 'method not allowed' },
  413: { rule: 'payload_too_large', message: 'the request body is too large' },
  415: { rule: 'unsupported_media_type', message: 'the API accepts only JSON bodies' },
  422: { rule: 'invalid', message: 'the request body is not valid JSON' },
  429: { rule: 'too_many_requests' },
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /**
   * Under /api every error is `{errors:[{field,rule,message}]}`, in every mode (development too):
   * never an HTML page, a stack trace or SQL. Elsewhere JSON when the client asks for it.
   */
  async handle(error: unknown, ctx: HttpContext) {
    const api = isApiCall(ctx)
    const answer = apiAnswerFor(error) ?? (api ? internalError(ctx) : null)
    if (answer && (api || ctx.request.accepts(['html', 'json']) === 'json')) {
      const errors = answer.errors.map((detail) => ({ field: null, ...detail }))
      return ctx.response.status(answer.status).send({ errors })
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}

/** The {status, errors} answer for a refusal (API errors, Vine, database, HTTP 4xx); null otherwise. */
export function apiAnswerFor(error: unknown): { status: number; errors: ErrorDetail[] } | null {
  if (error instanceof ApiError) return { status: error.status, errors: error.details }
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    return { status: 422, errors: error.messages as ErrorDetail[] }
  }
  const sqlState = (error as { code?: string } | null)?.code
  if (sqlState && DATABASE_REFUSALS[sqlState]) {
    const { status, rule, message } = DATABASE_REFUSALS[sqlState]
    // our own triggers' messages name the rule's facts; PostgreSQL's name its internals
    const own = sqlState.startsWith('AL') ? (error as Error).message : message
    return { status, errors: [{ rule, message: own }] }
  }
  if (LOST_CONNECTION.test((error as Error | null)?.message ?? '')) {
    return { status: 503, errors: [{ rule: UNAVAILABLE.rule, message: UNAVAILABLE.message }] }
  }
  const status = (error as { status?: number } | null)?.status
  if (status && STATUS_RULES[status]) {
    const { rule, message } = STATUS_RULES[status]
    return { status, errors: [{ rule, message: message ?? (error as Error).message }] }
  }
  if (status && status >= 400 && status < 500) {
    return { status, errors: [{ rule: 'bad_request', message: 'the request was refused' }] }
  }
  return null
}

/** A 500 under /api: the request id to quote, nothing about the cause (that goes to the log). */
function internalError(ctx: HttpContext) {
  return {
    status: 500,
    errors: [
      {
        rule: 'internal_error',
        message: `internal error (request id ${ctx.request.id() ?? 'unknown'})`,
      },
    ],
  }
}
