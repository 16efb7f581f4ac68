import { Exception } from '@adonisjs/core/exceptions'

/** One problem with a request, in the shape every 4xx response uses: {errors:[{field,rule,message}]}. */
export interface ErrorDetail {
  field?: string | null
  rule: string
  message: string
  meta?: Record<string, unknown>
  /**
   * Internal, never sent: the catalogue message (`errors.rules.<key>`) that words this detail in
   * every language, its values, and whether Vine raised it (already in the request's language).
   */
  key?: string
  params?: Record<string, unknown>
  vine?: boolean
}

export class ApiError extends Exception {
  constructor(
    status: number,
    readonly details: ErrorDetail[]
  ) {
    super(details.map((d) => d.message).join('; '), { status, code: details[0]?.rule })
  }
}

/** 422: the input breaks a rule that needs the database to check (unknown customer, decimals of its currency…). */
export class InvalidInput extends ApiError {
  /** `meta`: the facts a translated message names (resources/lang/<locale>/errors.json) */
  constructor(field: string, rule: string, message: string, meta?: Record<string, unknown>) {
    super(422, [{ field, rule, message, ...(meta ? { meta } : {}) }])
  }
}

/** 409: the input is well-formed but the ledger's state refuses it (balance, closed period, reused key…). */
export class Conflict extends ApiError {
  constructor(rule: string, message: string, meta?: Record<string, unknown>, field?: string) {
    super(409, [{ field, rule, message, meta }])
  }
}

export class NotFound extends ApiError {
  constructor(entity: string) {
    super(404, [{ rule: 'not_found', message: `${entity} not found` }])
  }
}

export class Forbidden extends ApiError {
  constructor(message = 'You are not allowed to do this') {
    super(403, [{ rule: 'forbidden', message }])
  }
}
