import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { ValidateFunction } from 'ajv'
import { ApiClient, type ApiResponse } from '@japa/api-client'
import { openApi } from '#modules/api_docs/openapi_document'

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (ajv: Ajv2020) => void

/** Ajv for JSON Schema 2020-12 (OpenAPI 3.1's dialect) with the formats the document uses. */
export function openApiAjv() {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  return ajv
}

export interface Checked {
  key: string
  status: number
  errors: string[]
}

/**
 * Validates real responses against the OpenAPI document's schemas (ajv, JSON Schema 2020-12, the
 * dialect of OpenAPI 3.1): finds the operation by path template and method, picks the response of
 * the status (or its 4XX/5XX range) and validates a JSON body. An undocumented status or an
 * operation not in the document is an error too.
 */
export class OpenApiValidator {
  private ajv = openApiAjv()
  private compiled = new Map<string, ValidateFunction>()
  private templates: Array<{ path: string; regex: RegExp }> = []
  private document: any = null
  readonly checked: Checked[] = []

  /** The document is read at the first check (the routes are registered by then). */
  private load() {
    if (this.document) return
    this.document = openApi().document
    this.ajv.addSchema(this.document, 'openapi.json')
    this.templates = Object.keys(this.document.paths).map((path) => ({
      path,
      regex: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
    }))
  }

  check(method: string, url: string, status: number, contentType: string, body: unknown): Checked {
    this.load()
    const pathname = new URL(url, 'http://x').pathname
    const template = this.templates
      .filter((t) => t.regex.test(pathname) && this.document.paths[t.path][method.toLowerCase()])
      // the most literal template wins (/audit-logs/export over /audit-logs/{id})
      .sort((a, b) => literalLength(b.path) - literalLength(a.path))[0]
    const key = `${method} ${template?.path ?? pathname}`
    const result: Checked = { key, status, errors: [] }
    this.checked.push(result)
    // a URL no route serves (the tests' deliberately unknown paths): the 404 is no operation's
    if (!template && status === 404) return result
    if (!template) {
      result.errors.push('no documented operation')
      return result
    }
    const responses = this.document.paths[template.path][method.toLowerCase()].responses
    const range = `${String(status)[0]}XX`
    const documented = responses[status] ? String(status) : responses[range] ? range : null
    if (!documented) {
      result.errors.push(`status ${status} is not documented`)
      return result
    }
    const content = responses[documented].content
    if (!content || !/json/.test(contentType)) return result
    if (!content['application/json']) {
      result.errors.push(`JSON answered where ${Object.keys(content)} is documented`)
      return result
    }
    const validate = this.validator(template.path, method.toLowerCase(), documented)
    if (!validate(body)) {
      result.errors = (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`
      )
    }
    return result
  }

  failures() {
    return this.checked.filter((c) => c.errors.length)
  }

  private validator(path: string, method: string, status: string) {
    const pointer = [
      'paths',
      path,
      method,
      'responses',
      status,
      'content',
      'application/json',
      'schema',
    ]
      .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
      .join('/')
    const id = `openapi.json#/${pointer}`
    let validate = this.compiled.get(id)
    if (!validate) {
      validate = this.ajv.getSchema(id)!
      if (!validate) throw new Error(`no schema at ${id}`)
      this.compiled.set(id, validate)
    }
    return validate
  }
}

const literalLength = (path: string) => path.replace(/\{\w+\}/g, '').length

let active: OpenApiValidator | null = null
let installed = false
let strictMode = false

/**
 * Sends every /api/v1 response the api client receives through `validator` (null: none) — one
 * global api-client teardown hook, installed once. With `strict`, a mismatch fails the request
 * (and so the test) at once; otherwise it is recorded in validator.failures().
 */
export function validateResponsesWith(validator: OpenApiValidator | null, strict = false) {
  const previous = { validator: active, strict: strictMode }
  active = validator
  strictMode = strict
  if (installed) return previous
  installed = true
  ApiClient.teardown((response: ApiResponse) => {
    if (!active) return
    const { method, endpoint } = response.request.config
    if (!endpoint.startsWith('/api/v1/')) return
    const type = response.header('content-type') ?? ''
    const checked = active.check(
      method,
      endpoint,
      response.status(),
      type,
      /json/.test(type) ? response.body() : null
    )
    if (strictMode && checked.errors.length) {
      throw new Error(
        `${checked.key} → ${checked.status} does not match the OpenAPI document: ${checked.errors.join('; ')}`
      )
    }
  })
  return previous
}
