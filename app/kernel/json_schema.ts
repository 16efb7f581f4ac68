/**
 * Small builders for the JSON Schemas (2020-12, as OpenAPI 3.1 uses them) that modules keep beside
 * their serializers to describe their wire shapes. Plain data: the API document
 * (app/modules/api_docs) collects them as components; `ref` names one of them or a common shape
 * (Amount, Id, Instant, PlainDate, Currency, PageMeta, ErrorResponse).
 */
export type JsonSchema = Record<string, unknown>

/** A reference to a component schema. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] })

/** {data: [ITEM…]} — the API's list envelope. */
export const dataList = (item: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', items: item } },
})

/** An object whose listed properties are required and typed; others may follow. */
export const shape = (properties: Record<string, JsonSchema>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
})
