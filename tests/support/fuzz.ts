/**
 * Hostile inputs for the schema fuzz test, derived from the Vine validators: every field a body or
 * query schema names gets each hostile value in turn, the other fields keeping their valid base.
 */

/** JSON values no field should take with a 5xx: huge, null, wrong types, NUL, emoji, 2^63. */
export const HOSTILE_VALUES: unknown[] = [
  null,
  '',
  'x'.repeat(20_000),
  'a\u0000b',
  '💰🧧😀',
  9_223_372_036_854_775_808,
  '9223372036854775808',
  -1,
  0,
  1.5,
  1e308,
  true,
  [],
  { nested: { deeper: ['x'] } },
  ['x', 1],
]

/** The same, as a query string parameter (already encoded): arrays and objects as qs writes them. */
export const HOSTILE_QUERY_VALUES: Array<(name: string) => string> = [
  (n) => `${n}=${'x'.repeat(10_000)}`,
  (n) => `${n}=a%00b`,
  (n) => `${n}=${encodeURIComponent('💰🧧')}`,
  (n) => `${n}=9223372036854775808`,
  (n) => `${n}=-1`,
  (n) => `${n}=1e400`,
  (n) => `${n}[]=1&${n}[]=2`,
  (n) => `${n}[a]=1`,
  (n) => `${n}=`,
]

/** Whole bodies that are not an object: each must be a JSON 4xx. */
export const HOSTILE_RAW_BODIES: string[] = [
  'null',
  '"text"',
  '123',
  'true',
  '[]',
  '{',
  '{"a":',
  '{"a":"\\u0000"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  JSON.stringify({ blob: 'x'.repeat(1_100_000) }),
]

/** A path id no record can have. */
export const HOSTILE_PATH_IDS = [
  '0',
  '-1',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '99999999999999999999',
  'abc',
  '%00',
  '1e3',
  encodeURIComponent('💰'),
]

interface SchemaNode {
  type: string
  fieldName?: string
  properties?: SchemaNode[]
  each?: SchemaNode
  groups?: unknown[]
}

/** Field paths (`a`, `levels.0.role`) a compiled Vine validator's object schema names. */
export function schemaFields(validator: { toJSON(): { schema: { schema: SchemaNode } } }) {
  const paths: string[][] = []
  const walk = (node: SchemaNode, prefix: string[]) => {
    for (const property of node.properties ?? []) {
      const path = [...prefix, property.fieldName!]
      paths.push(path)
      if (property.type === 'object') walk(property, path)
      if (property.type === 'array' && property.each?.type === 'object') {
        walk(property.each, [...path, '0'])
      }
    }
  }
  walk(validator.toJSON().schema.schema, [])
  return paths
}

/** A deep copy of `base` with the value at `path` replaced (arrays created as needed). */
export function withValue(base: Record<string, unknown>, path: string[], value: unknown) {
  const copy = structuredClone(base) as Record<string, any>
  let node = copy
  path.slice(0, -1).forEach((key, i) => {
    if (node[key] === null || typeof node[key] !== 'object') {
      node[key] = /^\d+$/.test(path[i + 1]) ? [] : {}
    }
    node = node[key]
  })
  node[path.at(-1)!] = value
  return copy
}

/** What a response must never show: SQL, a stack, a file of ours, HTML. */
export const LEAK =
  /\bselect\b.*\bfrom\b|\binsert into\b|violates|syntax error|\bat \S+\.(ts|js):\d+|node_modules|<html|<!doctype/i
