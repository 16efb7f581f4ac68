import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { buildOpenApi, operationKey } from '#modules/api_docs/openapi_builder'
import { openApi, operations, schemas } from '#modules/api_docs/openapi_document'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import { OpenApiValidator, openApiAjv } from '#tests/support/openapi_validator'

const apiRoutes = () =>
  Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith('/api/v1/'))

test.group('OpenAPI: the document and the route table agree', () => {
  test('GET /api/v1/openapi.json is public OpenAPI 3.1 with bearer security', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    response.assertStatus(200)
    const document = response.body()
    assert.equal(document.openapi, '3.1.0')
    assert.deepEqual(document.components.securitySchemes.bearer, {
      type: 'http',
      scheme: 'bearer',
      description: 'a token from POST /api/v1/auth/tokens',
    })
    assert.deepEqual(document.paths['/api/v1/auth/tokens'].post.security, [])
    assert.notProperty(document.paths['/api/v1/customers'].get, 'security') // the global bearer
    // generated from the validators: the receipt body, the customers query, an integer path id
    const receipt = document.paths['/api/v1/receipts'].post
    const body = receipt.requestBody.content['application/json'].schema
    assert.sameMembers(body.required, ['customerId', 'amount', 'currency', 'channel'])
    assert.equal(body.properties.amount.type, 'string')
    assert.match(body.properties.amount.pattern, /\\d/)
    assert.deepEqual(receipt.responses['201'].content['application/json'].schema, {
      $ref: '#/components/schemas/Journal',
    })
    assert.deepEqual(receipt.responses['4XX'].content['application/json'].schema, {
      $ref: '#/components/schemas/ErrorResponse',
    })
    assert.include(
      receipt.parameters.map((p: any) => p.name),
      'Idempotency-Key'
    )
    const list = document.paths['/api/v1/customers'].get.parameters
    assert.includeMembers(
      list.map((p: any) => `${p.in}:${p.name}`),
      ['query:status', 'query:page', 'query:perPage']
    )
    const show = document.paths['/api/v1/customers/{id}'].get.parameters[0]
    assert.deepEqual(show, {
      name: 'id',
      in: 'path',
      required: true,
      schema: { type: 'integer', minimum: 1 },
    })
    // money is a string with a pattern, everywhere it is described
    assert.equal(document.components.schemas.Amount.type, 'string')
    assert.equal(document.components.schemas.Amount.pattern, '^-?\\d+(\\.\\d+)?$')
  })

  test('every /api/v1 route is documented and every documented operation has a route', ({
    assert,
  }) => {
    const { document, coverage } = openApi()
    assert.deepEqual(coverage, { undocumented: [], unrouted: [] })
    // checked against the router directly as well, not only through the builder's bookkeeping
    const routed = new Set<string>()
    for (const route of apiRoutes()) {
      for (const method of route.methods.filter((m) => m !== 'HEAD')) {
        const path = route.pattern.replace(/:(\w+)/g, '{$1}')
        routed.add(`${method.toLowerCase()} ${path}`)
        assert.property(document.paths[path] ?? {}, method.toLowerCase(), `${method} ${path}`)
      }
    }
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`)
    )
    assert.sameMembers(documented, [...routed])
    assert.isAbove(documented.length, 80)
  })

  test('the coverage check fails on a route without a document and on a document without a route', ({
    assert,
  }) => {
    const routes = apiRoutes()
    const ghost: OperationTable = { ...operations, 'GET /ghosts': { ...operations['GET /me'] } }
    delete ghost['GET /me']
    const { coverage } = buildOpenApi({
      routes,
      operations: ghost,
      schemas,
      info: { title: 't', version: '1', description: '' },
    })
    assert.deepEqual(coverage, { undocumented: ['GET /me'], unrouted: ['GET /ghosts'] })
    assert.equal(operationKey('GET', '/api/v1/customers/:id'), 'GET /customers/:id')
  })

  test('every schema in the document compiles under JSON Schema 2020-12; every $ref resolves', ({
    assert,
  }) => {
    const { document } = openApi()
    const ajv = openApiAjv()
    ajv.addSchema(document, 'openapi.json')
    for (const name of Object.keys(document.components.schemas)) {
      assert.isFunction(ajv.getSchema(`openapi.json#/components/schemas/${name}`), name)
    }
    const refs = JSON.stringify(document).match(/"#\/components\/schemas\/[A-Za-z]+"/g) ?? []
    for (const ref of new Set(refs)) {
      const name = ref.slice(22, -1)
      assert.property(document.components.schemas, name, ref)
    }
  })
})

test.group('OpenAPI: the response validator can fail', () => {
  test('a wrong shape, a JSON number for money, an undocumented status are each reported', ({
    assert,
  }) => {
    const validator = new OpenApiValidator()
    const json = 'application/json; charset=utf-8'
    const balances = { customerId: 1, balances: [] }
    assert.deepEqual(
      validator.check('GET', '/api/v1/customers/7/balances', 200, json, balances).errors,
      []
    )
    const money = {
      customerId: 1,
      balances: [
        {
          currency: 'CNY',
          balance: 10.5,
          pending: '0.00',
          available: '10.50',
          creditLimit: '0.00',
          unconfirmed: '0.00',
          confirmed: '10.50',
        },
      ],
    }
    const wrongMoney = validator.check('GET', '/api/v1/customers/7/balances', 200, json, money)
    assert.match(wrongMoney.errors.join(), /\/balances\/0\/balance must be string/)
    const notAnError = validator.check('GET', '/api/v1/customers/7', 404, json, { message: 'x' })
    assert.match(notAnError.errors.join(), /must have required property 'errors'/)
    assert.deepEqual(validator.check('GET', '/api/v1/me', 302, 'text/html', null).errors, [
      'status 302 is not documented',
    ])
    assert.deepEqual(validator.check('GET', '/api/v1/nowhere', 200, json, {}).errors, [
      'no documented operation',
    ])
    assert.equal(validator.failures().length, 4)
  })
})

test.group('API docs page', () => {
  test('served offline: HTML in zh-CN or English, the renderer from our own assets only', async ({
    client,
    assert,
  }) => {
    const zh = await client.get('/api/docs')
    zh.assertStatus(200)
    assert.match(zh.header('content-type')!, /^text\/html/)
    assert.include(zh.text(), '<html lang="zh-CN">')
    assert.include(zh.text(), '接口文档')
    const en = await client.get('/api/docs').header('accept-language', 'en-US,en;q=0.9')
    assert.include(en.text(), '<html lang="en">')
    assert.include(en.text(), 'AdvanceLedger API v1')
    // nothing fetched from elsewhere: every src/href is ours
    const urls = [...zh.text().matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    assert.isNotEmpty(urls)
    for (const url of urls) assert.match(url, /^\/api\/(docs\/assets\/|v1\/openapi\.json$)/, url)
    const bundle = await client.get('/api/docs/assets/swagger-ui-bundle.js')
    bundle.assertStatus(200)
    assert.match(bundle.header('content-type')!, /javascript/)
    assert.include(bundle.text(), 'SwaggerUIBundle')
    const css = await client.get('/api/docs/assets/swagger-ui.css')
    css.assertStatus(200)
    const other = await client.get('/api/docs/assets/package.json')
    other.assertStatus(404)
    assert.equal(other.body().errors[0].rule, 'not_found')
    const traversal = await client.get('/api/docs/assets/..%2F..%2Fpackage.json')
    assert.equal(traversal.status(), 404)
  })
})
