/**
 * What the OpenAPI document is made of. The route table gives the paths, methods and path
 * parameters; Vine validators give request bodies and query strings (their own toJSONSchema());
 * response shapes are JSON Schemas kept beside each module's serializers. An OperationDoc ties a
 * route ("METHOD /pattern" as registered) to those.
 */
import type { JsonSchema } from '#kernel/json_schema'

export type { JsonSchema }

/** A compiled Vine validator (VineValidator#toJSONSchema, @vinejs/vine ≥ 4). */
export interface SchemaSource {
  toJSONSchema(): object
}

export interface ResponseDoc {
  description: string
  /** a component name (resolved to #/components/schemas/NAME) or an inline schema */
  schema?: string | JsonSchema
  /** default application/json */
  contentType?: string
}

export interface OperationDoc {
  summary: string
  tag: string
  /** who may call it (the README's "who" column) */
  roles?: string
  description?: string
  /** JSON body (Vine validator, or a JSON Schema when the body is checked elsewhere) */
  body?: SchemaSource | JsonSchema
  /** multipart/form-data body */
  multipart?: JsonSchema
  query?: SchemaSource | JsonSchema
  /** path parameters beyond the route's own (types of parameters without a matcher) */
  pathTypes?: Record<string, JsonSchema>
  responses: Record<number, ResponseDoc>
  /** no bearer token needed */
  public?: boolean
  /** accepts Idempotency-Key (state-changing calls through executeCommand) */
  idempotent?: boolean
}

/** Operations keyed "METHOD /path" relative to /api/v1, e.g. "GET /customers/:id". */
export type OperationTable = Record<string, OperationDoc>
