/**
 * Small builders for the JSON Schemas (2020-12, as OpenAPI 3.1 uses them) that modules keep beside
 * their serializers to describe their wire shapes. Plain data: the API document
 * (app/modules/api_docs) collects them as components; `ref` names one of them or a common shape
 * (Amount, Id, Instant, PlainDate, Currency, PageMeta, ErrorResponse).
 *
 * Plain typed fields are listed by type, one line each (`...props('string', 'code name')`); a field
 * with its own detail (a ref, an enum, a format, a pattern, a description) is written out.
 */
export type JsonSchema = Record<string, unknown>

/** The JSON types a field is listed under by `props` (an array wants its items: `arrayOf`). */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'object'

/** A reference to a component schema. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] })

// Each name gets its own schema object: the document is plain data, nothing in it is shared.
const typed = (names: string, schema: () => JsonSchema): Record<string, JsonSchema> =>
  Object.fromEntries(
    names
      .split(/\s+/)
      .filter(Boolean)
      .map((name) => [name, schema()])
  )

/** Fields of one type, named in one line: `...props('integer', 'total done failed')`. */
export const props = (type: FieldType, names: string) => typed(names, () => ({ type }))

/**
 * Fields of one type or null (`{type: [TYPE, 'null']}`, as the serializers' nullable columns are
 * described; `nullable` wraps a ref or a schema with detail instead).
 */
export const nullableProps = (type: FieldType, names: string) =>
  typed(names, () => ({ type: [type, 'null'] }))

/** An array of ITEM; `keywords` add the array's own constraints (`{ minItems: 2 }`). */
export const arrayOf = (items: JsonSchema, keywords: JsonSchema = {}): JsonSchema => ({
  type: 'array',
  ...keywords,
  items,
})

/** An array of ITEM, or null (a list the caller may leave unset). */
export const nullableArrayOf = (items: JsonSchema): JsonSchema => ({
  type: ['array', 'null'],
  items,
})

/** {data: [ITEM…]} — the API's list envelope. */
export const dataList = (item: JsonSchema): JsonSchema => ({
  type: 'object',
  required: ['data'],
  properties: { data: arrayOf(item) },
})

/** An object whose listed properties are required and typed; others may follow. */
export const shape = (properties: Record<string, JsonSchema>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((key) => !optional.includes(key)),
  properties,
})
