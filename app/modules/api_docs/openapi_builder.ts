import type { RouteJSON } from '@adonisjs/core/types/http'
import { commonSchemas } from '#modules/api_docs/common_schemas'
import type {
  JsonSchema,
  OperationDoc,
  OperationTable,
  ResponseDoc,
  SchemaSource,
} from '#modules/api_docs/openapi_types'

export const API_PREFIX = '/api/v1'
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export interface Coverage {
  /** routes under /api/v1 that no OperationDoc describes ("METHOD /pattern") */
  undocumented: string[]
  /** OperationDocs whose route does not exist */
  unrouted: string[]
}

export interface BuildInput {
  routes: RouteJSON[]
  operations: OperationTable
  schemas: Record<string, JsonSchema>
  info: { title: string; version: string; description: string }
}

/** The route's key in the operation table: "GET /customers/:id". */
export function operationKey(method: string, pattern: string) {
  return `${method} ${pattern.slice(API_PREFIX.length)}`
}

/**
 * The OpenAPI 3.1 document: one operation per (route, method) under /api/v1 that the table
 * describes, paths and path parameters from the route table, bodies and query strings from the
 * Vine validators, response schemas by reference to the modules' components, and every 4xx/5xx as
 * ErrorResponse. Coverage lists what the route table and the operation table disagree on.
 */
export function buildOpenApi(input: BuildInput) {
  const paths: Record<string, Record<string, unknown>> = {}
  const routed = new Set<string>()
  const undocumented: string[] = []
  for (const route of input.routes) {
    if (!route.pattern.startsWith(`${API_PREFIX}/`)) continue
    for (const method of route.methods.filter((m) => m !== 'HEAD')) {
      const key = operationKey(method, route.pattern)
      routed.add(key)
      const doc = input.operations[key]
      if (!doc) {
        undocumented.push(key)
        continue
      }
      const path = route.pattern.replace(/:(\w+)/g, '{$1}')
      paths[path] ??= {}
      paths[path][method.toLowerCase()] = operation(route, method, doc)
    }
  }
  const coverage: Coverage = {
    undocumented,
    unrouted: Object.keys(input.operations).filter((key) => !routed.has(key)),
  }
  const document = {
    openapi: '3.1.0',
    info: input.info,
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: [...new Set(Object.values(input.operations).map((op) => op.tag))].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'a token from POST /api/v1/auth/tokens',
        },
      },
      schemas: { ...commonSchemas, ...input.schemas },
    },
  }
  return { document, coverage }
}

function operation(route: RouteJSON, method: string, doc: OperationDoc) {
  const description = [doc.description, doc.roles ? `Who: ${doc.roles}.` : null]
    .filter(Boolean)
    .join('\n\n')
  const body = doc.body ? jsonSchemaOf(doc.body) : null
  return {
    operationId: route.name ?? operationId(method, route.pattern),
    summary: doc.summary,
    ...(description ? { description } : {}),
    tags: [doc.tag],
    ...(doc.public ? { security: [] } : {}),
    parameters: [
      ...pathParameters(route, doc),
      ...queryParameters(doc),
      ...(doc.idempotent && STATE_CHANGING.has(method) ? [idempotencyKey] : []),
    ],
    ...(body
      ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } }
      : {}),
    ...(doc.multipart
      ? {
          requestBody: {
            required: true,
            content: { 'multipart/form-data': { schema: doc.multipart } },
          },
        }
      : {}),
    responses: responses(doc),
  }
}

function operationId(method: string, pattern: string) {
  const words = pattern
    .slice(API_PREFIX.length + 1)
    .replace(/:(\w+)/g, 'by_$1')
    .split(/[^A-Za-z0-9]+/)
  return [method.toLowerCase(), ...words.filter(Boolean)].join('_')
}

function pathParameters(route: RouteJSON, doc: OperationDoc) {
  const names = [...route.pattern.matchAll(/:(\w+)/g)].map((match) => match[1])
  return names.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema:
      doc.pathTypes?.[name] ??
      (route.matchers[name] ? { type: 'integer', minimum: 1 } : { type: 'string' }),
  }))
}

/** One parameter per property of the query validator's object schema. */
function queryParameters(doc: OperationDoc) {
  if (!doc.query) return []
  const schema = jsonSchemaOf(doc.query) as {
    properties?: Record<string, JsonSchema>
    required?: string[]
  }
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }))
}

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'replays the first response for the same key and body (Idempotent-Replayed: true); another body with the same key is a 409',
  schema: { type: 'string', maxLength: 200 },
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
})

function responses(doc: OperationDoc) {
  const out: Record<string, unknown> = {}
  for (const [status, response] of Object.entries(doc.responses)) {
    out[status] = responseObject(response)
  }
  out['4XX'] = errorResponse(
    'refused: {errors:[{field, rule, message}]} (401, 403, 404, 409, 413, 415, 422, 429)'
  )
  out['5XX'] = errorResponse('unexpected error (the message gives only the request id)')
  return out
}

function responseObject(response: ResponseDoc) {
  if (!response.schema && !response.contentType) return { description: response.description }
  const schema =
    typeof response.schema === 'string'
      ? { $ref: `#/components/schemas/${response.schema}` }
      : (response.schema ?? { type: 'string', format: 'binary' })
  return {
    description: response.description,
    content: { [response.contentType ?? 'application/json']: { schema } },
  }
}

/** A validator's own JSON Schema (Vine ≥ 4), or a schema given as is. */
function jsonSchemaOf(source: SchemaSource | JsonSchema): JsonSchema {
  return typeof source.toJSONSchema === 'function'
    ? ((source as SchemaSource).toJSONSchema() as JsonSchema)
    : (source as JsonSchema)
}
