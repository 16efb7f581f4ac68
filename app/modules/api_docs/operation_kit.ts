/**
 * The words the operation tables share, stated once: the tag of a group of operations, the role
 * lists several areas repeat (the README's "who" column), and the usual response shapes.
 */
import { FILE_TYPES } from '#kernel/download'
import type {
  JsonSchema,
  OperationDoc,
  OperationTable,
  ResponseDoc,
} from '#modules/api_docs/openapi_types'

/** Who may call, where several areas name the same people (one wording, so the docs agree). */
export const ROLES = {
  /** every role reads; sales only the customers it owns */
  readersOwn: 'every role (sales: own customers)',
  finance: 'finance, finance_manager',
  /** admin and finance, or the sales who owns the customer */
  ownerOrFinance: 'admin, sales (own), finance, finance_manager',
} as const

/** The content type of an XLSX workbook (templates, error reports, statements' every line). */
export const XLSX = FILE_TYPES.xlsx

/** A response body described only as "a JSON object" (its fields documented elsewhere). */
export const OBJECT: JsonSchema = { type: 'object' }

/** An operation inside a tagged group: the group gives the tag. */
export type GroupOperation = Omit<OperationDoc, 'tag'>

/** One section of the document: every operation of the group carries its tag. */
export function tagged(tag: string, operations: Record<string, GroupOperation>): OperationTable {
  const table: OperationTable = {}
  for (const [key, operation] of Object.entries(operations)) table[key] = { ...operation, tag }
  return table
}

/** A JSON answer: its description and schema (a component name or an inline schema). */
export const answer = (description: string, schema: string | JsonSchema): ResponseDoc => ({
  description,
  schema,
})

/** 200 with a JSON body. */
export const ok = (description: string, schema: string | JsonSchema) => ({
  200: answer(description, schema),
})

/** 201: something was created or posted. */
export const created = (description: string, schema: string | JsonSchema) => ({
  201: answer(description, schema),
})

/**
 * A change through the approval gate: `done` when it applies at once, or 202 with the request
 * (an Approval) when an approval rule applies and the change waits.
 */
export const gated = (done: Record<number, ResponseDoc>, waiting: string) => ({
  ...done,
  202: answer(waiting, 'Approval'),
})
