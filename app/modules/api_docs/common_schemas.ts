import type { JsonSchema } from '#kernel/json_schema'

/**
 * Shapes every module's schemas refer to by $ref ('#/components/schemas/NAME'): money on the wire
 * is a decimal string (never a JSON number), instants are ISO 8601 UTC, dates plain YYYY-MM-DD, and
 * every 4xx/5xx body is {errors:[{field,rule,message}]} (app/exceptions/handler.ts).
 */
export const commonSchemas: Record<string, JsonSchema> = {
  Amount: {
    type: 'string',
    pattern: '^-?\\d+(\\.\\d+)?$',
    description: 'a decimal amount as a string, in its currency’s decimals (CNY 2, JPY 0, KWD 3)',
    examples: ['1234.50'],
  },
  Rate: {
    type: 'string',
    pattern: '^\\d+(\\.\\d+)?$',
    description: 'a decimal rate as a string',
    examples: ['7.1234'],
  },
  Id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER },
  Instant: { type: 'string', format: 'date-time' },
  PlainDate: {
    type: 'string',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    format: 'date',
    examples: ['2025-06-03'],
  },
  Currency: { type: 'string', pattern: '^[A-Z]{3}$', examples: ['CNY'] },
  PageMeta: {
    type: 'object',
    required: ['total', 'page', 'perPage'],
    properties: {
      total: { type: 'integer', minimum: 0 },
      page: { type: 'integer', minimum: 1 },
      perPage: { type: 'integer', minimum: 1 },
    },
  },
  ErrorResponse: {
    type: 'object',
    required: ['errors'],
    additionalProperties: false,
    properties: {
      errors: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['rule', 'message'],
          properties: {
            field: {
              type: ['string', 'null'],
              description: 'the input at fault (dotted path), null when none',
            },
            rule: { type: 'string', description: 'machine-readable rule code' },
            message: { type: 'string', description: 'human-readable, zh-CN by default' },
            meta: { type: 'object', description: 'facts of the refusal (409s)' },
          },
        },
      },
    },
  },
}
