import { createReadStream } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import { openApi } from '#modules/api_docs/openapi_document'
import { docsPage } from '#modules/api_docs/docs_page'
import { NotFound } from '#kernel/errors'

const RENDERER_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

/** The renderer's files we serve (from node_modules/swagger-ui-dist: no CDN, works offline). */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
}

export default class ApiDocsController {
  /** GET /api/v1/openapi.json: public, like any published API description. */
  async document({ response }: HttpContext) {
    response.header('cache-control', 'no-cache')
    return openApi().document
  }

  /** GET /api/docs: the readable page (Swagger UI), in the browser's language for our own text. */
  async page({ request, response }: HttpContext) {
    const english = /^en\b/i.test(request.header('accept-language') ?? '')
    response.header('content-type', 'text/html; charset=utf-8')
    return docsPage(english ? 'en' : 'zh-CN')
  }

  /** GET /api/docs/assets/:file: one of the renderer's files, nothing else. */
  async asset({ params, response }: HttpContext) {
    const type = ASSETS[params.file]
    if (!type) throw new NotFound('file')
    response.header('content-type', type)
    response.header('cache-control', 'public, max-age=86400')
    return response.stream(createReadStream(join(RENDERER_DIR, params.file)))
  }
}
