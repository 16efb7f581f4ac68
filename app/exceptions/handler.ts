import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { ApiError, type ErrorDetail } from '#kernel/errors'
import { isApiCall } from '#middleware/api_content_type_middleware'
import { type FieldLabels, localiseDetails, requestLocale } from '#exceptions/error_messages'
import type { Locale } from '#kernel/i18n'

/**
 * SQLSTATEs answered as refusals: our triggers' own (see the ledger migrations), and the ones that
 * mean "this input cannot be stored" (a safety net behind the validators). PostgreSQL's own
 * messages name tables, constraints and values: they are replaced by ours. Messages are catalogue
 * keys (resources/lang/<locale>/errors.json, `errors.rules.*`), worded in the caller's language.
 */
const UNAVAILABLE = { status: 503, rule: 'unavailable', key: 'unavailable' }

/**
 * What the pg driver says (without a SQLSTATE) about a connection cut under a query, and what knex
 * says of a later query in the transaction that connection carried (already rolled back).
 */
const LOST_CONNECTION =
  /Client has encountered a connection error|Connection terminated unexpectedly|Connection ended unexpectedly|read ECONNRESET|write EPIPE|Transaction query already complete/

const DATABASE_REFUSALS: Record<string, { status: number; rule: string; key: string }> = {
  'ALP01': { status: 409, rule: 'period_closed', key: 'period_closed_plain' },
  // 账套启用日期 (ledger_guards.sql / books_start.sql): an entry before it; a start after an entry
  'ALP02': { status: 422, rule: 'before_books_start', key: 'before_books_start_plain' },
  'ALP03': { status: 409, rule: 'books_start_after_entries', key: 'books_start_after_entries' },
  'ALI01': { status: 409, rule: 'immutable', key: 'immutable' },
  'ALI02': { status: 409, rule: 'immutable', key: 'immutable' },
  'ALB01': { status: 422, rule: 'unbalanced', key: 'unbalanced' },
  23505: { status: 409, rule: 'unique', key: 'unique' },
  22003: { status: 422, rule: 'out_of_range', key: 'out_of_range' },
  22021: { status: 422, rule: 'encoding', key: 'encoding' },
  '22P02': { status: 422, rule: 'invalid', key: 'invalid_value' },
  22007: { status: 422, rule: 'date', key: 'date' },
  22008: { status: 422, rule: 'date', key: 'date_range' },
  // the connection to PostgreSQL was cut (restart, failover, an administrator): nothing is known
  // to have committed unless a retry with the same Idempotency-Key replays it
  '57P01': UNAVAILABLE,
  '57P02': UNAVAILABLE,
  '57P03': UNAVAILABLE,
  '08006': UNAVAILABLE,
  '08003': UNAVAILABLE,
  // two transactions waited on each other (PostgreSQL rolled one back): nothing of this request
  // stayed, and the same request sent again succeeds once the other has finished
  '40P01': { status: 409, rule: 'concurrent_conflict', key: 'concurrent_conflict' },
  '40001': { status: 409, rule: 'concurrent_conflict', key: 'concurrent_conflict' },
}

/** The answer for each status an error may carry; messages are fixed, never the error's own text. */
const STATUS_RULES: Record<number, { rule: string; key: string }> = {
  400: { rule: 'bad_request', key: 'bad_request' },
  401: { rule: 'unauthenticated', key: 'unauthenticated' },
  403: { rule: 'forbidden', key: 'forbidden' },
  404: { rule: 'not_found', key: 'not_found' },
  405: { rule: 'method_not_allowed', key: 'method_not_allowed' },
  413: { rule: 'payload_too_large', key: 'payload_too_large' },
  415: { rule: 'unsupported_media_type', key: 'unsupported_media_type' },
  422: { rule: 'invalid', key: 'invalid' },
  429: { rule: 'too_many_requests', key: 'too_many_requests' },
}

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction

  /**
   * Under /api every error is `{errors:[{field,rule,message}]}`, in every mode (development too):
   * never an HTML page, a stack trace or SQL. Elsewhere JSON when the client asks for it.
   */
  async handle(error: unknown, ctx: HttpContext) {
    const api = isApiCall(ctx)
    const locale = requestLocale(ctx)
    const answer = apiAnswerFor(error, locale) ?? (api ? internalError(ctx, locale) : null)
    if (answer && (api || ctx.request.accepts(['html', 'json']) === 'json')) {
      const errors = answer.errors.map((detail) => ({ field: null, ...detail }))
      ctx.response.header('Content-Language', locale)
      return ctx.response.status(answer.status).send({ errors })
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}

/**
 * The {status, errors} answer for a refusal (API errors, Vine, database, HTTP 4xx) in the given
 * language; null otherwise. Without a language the services' own (English) wording is kept.
 */
export function apiAnswerFor(
  error: unknown,
  locale?: Locale,
  labels?: FieldLabels
): { status: number; errors: ErrorDetail[] } | null {
  const answer = rawAnswerFor(error)
  if (!answer || !locale)
    return answer && { ...answer, errors: localiseDetails(answer.errors, 'en') }
  return { status: answer.status, errors: localiseDetails(answer.errors, locale, labels) }
}

/** The answer with its details as raised (a `key` marks the handler's own catalogue messages). */
function rawAnswerFor(error: unknown): { status: number; errors: ErrorDetail[] } | null {
  if (error instanceof ApiError) return { status: error.status, errors: error.details }
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const errors = (error.messages as ErrorDetail[]).map((detail) => ({ ...detail, vine: true }))
    return { status: 422, errors }
  }
  const sqlState = (error as { code?: string } | null)?.code
  if (sqlState && DATABASE_REFUSALS[sqlState]) {
    const { status, rule, key } = DATABASE_REFUSALS[sqlState]
    // our own triggers' messages name the rule's facts (kept in English); PostgreSQL's name its internals
    const own = sqlState.startsWith('AL') ? (error as Error).message : undefined
    return { status, errors: [{ rule, key, message: own ?? '' }] }
  }
  if (LOST_CONNECTION.test((error as Error | null)?.message ?? '')) {
    return { status: 503, errors: [{ rule: UNAVAILABLE.rule, key: UNAVAILABLE.key, message: '' }] }
  }
  const status = (error as { status?: number } | null)?.status
  if (status && STATUS_RULES[status]) {
    const { rule, key } = STATUS_RULES[status]
    return { status, errors: [{ rule, key, message: '' }] }
  }
  if (status && status >= 400 && status < 500) {
    return { status, errors: [{ rule: 'bad_request', key: 'refused', message: '' }] }
  }
  return null
}

/** A 500 under /api: the request id to quote, nothing about the cause (that goes to the log). */
function internalError(ctx: HttpContext, locale: Locale) {
  const requestId = ctx.request.id() ?? 'unknown'
  const detail = {
    rule: 'internal_error',
    key: 'internal_error',
    message: '',
    params: { requestId },
  }
  return { status: 500, errors: localiseDetails([detail], locale) }
}
