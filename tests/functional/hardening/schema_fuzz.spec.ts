import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { baseUrl } from '#tests/support/browser'
import { expectStatus, postAs } from '#tests/support/api'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import {
  HOSTILE_PATH_IDS,
  HOSTILE_QUERY_VALUES,
  HOSTILE_RAW_BODIES,
  HOSTILE_VALUES,
  LEAK,
  schemaFields,
  withValue,
} from '#tests/support/fuzz'
import { fuzzSchemas, type Fixture } from '#tests/support/fuzz_schemas'
import { route } from '#tests/support/route'

/**
 * The newest row of each table a request writes (index lookups: counting rows slows down as the
 * suite's database grows, and this test sends thousands of requests). Alerts raised after the fact
 * are reactions, not the request's own writes.
 */
async function lastWrites() {
  const result = await db.rawQuery(
    `SELECT (SELECT max(id) FROM journals) AS journals,
            (SELECT max(id) FROM journal_lines) AS lines,
            (SELECT id FROM audit_logs WHERE entity_type <> 'alert' ORDER BY id DESC LIMIT 1) AS audit,
            (SELECT max(created_at) FROM idempotency_keys) AS idempotency,
            (SELECT max(id) FROM approval_requests) AS approvals,
            (SELECT max(id) FROM customers) AS customers`
  )
  return result.rows[0]
}

/** Query parameters tried on routes whose query has no validator of its own. */
const GENERIC_QUERY = ['from', 'to', 'at', 'locale', 'asOf']

/** The role each route is tried as (one that passes its permission check, to reach validation). */
function roleFor(method: string, pattern: string): keyof Fixture['tokens'] {
  if (/audit/.test(pattern)) return 'auditor'
  if (method !== 'GET' && /(approval|alert)-rules/.test(pattern)) return 'admin'
  return 'finance_manager'
}

/** A real (or harmless) value for each path parameter of a route. */
function fillPath(pattern: string, f: Fixture, hostileId?: string) {
  const idFor = () => {
    if (hostileId !== undefined) return hostileId
    const resource = pattern.split('/')[3]
    return f.ids[resource] ?? '999999999'
  }
  return pattern
    .replace(':id', idFor())
    .replace(':period', '1999-13')
    .replace(':entityType', 'customer')
}

interface Probe {
  method: string
  path: string
  token?: string
  body?: string
  contentType?: string
  label: string
}

async function probe(p: Probe, failures: string[]) {
  const writes = p.method === 'GET' ? null : await lastWrites()
  let response: Response
  try {
    response = await fetch(`${baseUrl()}${p.path}`, {
      method: p.method,
      headers: {
        ...(p.token ? { authorization: `Bearer ${p.token}` } : {}),
        ...(p.body !== undefined ? { 'content-type': p.contentType ?? 'application/json' } : {}),
      },
      body: p.body,
    })
  } catch (error) {
    failures.push(`${p.label}: connection ${(error as Error).message}`)
    return
  }
  const text = await response.text()
  const fail = (why: string) =>
    failures.push(`${p.label}: ${response.status} ${why} ${text.slice(0, 200)}`)
  if (response.status >= 500) return fail('server error')
  if (LEAK.test(text)) return fail('leaks internals')
  if (response.status < 400) return
  if (!response.headers.get('content-type')?.includes('application/json')) return fail('not JSON')
  const errors = (JSON.parse(text) as { errors?: unknown[] }).errors
  const shaped =
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (e: any) => 'field' in e && typeof e.rule === 'string' && typeof e.message === 'string'
    )
  if (!shaped) return fail('not the error shape')
  // A failed login is audited by design (login_failed): the one refusal that writes.
  const audited = response.status === 401 && p.path.startsWith(route('auth_tokens.store'))
  if (writes && !audited && JSON.stringify(await lastWrites()) !== JSON.stringify(writes)) {
    return fail('a refused request wrote rows')
  }
}

async function setUp(client: any): Promise<Fixture> {
  const manager = await makeUser('finance_manager')
  const admin = await makeUser('admin')
  const auditor = await makeUser('auditor')
  const customer = await makeCustomer()
  const project = await makeProject(customer.id)
  const journal = await expectStatus(
    postAs(client, manager.token, route('receipts.store'), {
      customerId: customer.id,
      projectId: project.id,
      amount: '100.00',
      currency: 'CNY',
      channel: 'cash',
    }),
    201
  )
  const ids: Record<string, string> = {
    customers: String(customer.id),
    customer: String(customer.id),
    projects: String(project.id),
    journals: String(journal.body().id),
    journal: String(journal.body().id),
  }
  const approvalRule = await expectStatus(
    postAs(client, admin.token, route('approval_rules.store'), {
      name: unique('fuzz'),
      actionType: 'refund',
      levels: [{ role: 'finance_manager' }],
      isActive: false,
    }),
    201
  )
  ids['approval-rules'] = String(approvalRule.body().id)
  const alertRule = await expectStatus(
    postAs(client, admin.token, route('alert_rules.store'), {
      code: `fuzz_${Date.now()}`,
      ruleType: 'low_balance',
      nameZh: '模糊',
      nameEn: 'fuzz',
      severity: 'info',
      enabled: false,
    }),
    201
  )
  ids['alert-rules'] = String(alertRule.body().id)
  const schedule = await expectStatus(
    postAs(client, manager.token, route('report_schedules.store'), {
      name: 'fuzz',
      kind: 'statements',
      cron: '0 8 1 * *',
      periodRule: 'previous_month',
      enabled: false,
    }),
    201
  )
  ids['report-schedules'] = String(schedule.body().id)
  return {
    tokens: { finance_manager: manager.token, admin: admin.token, auditor: auditor.token },
    ids,
  }
}

function apiRoutes() {
  return (
    Object.values(router.toJSON())
      .flat()
      // the docs page is HTML by design (tests/functional/api_docs covers it); its assets are fuzzed
      .filter((entry) => entry.pattern.startsWith('/api/') && entry.pattern !== '/api/docs')
      .flatMap((entry) =>
        entry.methods
          .filter((m) => m !== 'HEAD')
          .map((method) => ({ method, pattern: entry.pattern }))
      )
  )
}

test.group('Hardening: schema fuzz of every API route', () => {
  test('hostile bodies, fields, queries and path ids: no 5xx, always the JSON error shape, nothing written', async ({
    client,
    assert,
  }) => {
    const f = await setUp(client)
    const table = fuzzSchemas(f)
    const failures: string[] = []
    let probes = 0
    const run = async (p: Probe) => {
      probes++
      await probe(p, failures)
    }
    for (const { method, pattern } of apiRoutes()) {
      const token = f.tokens[roleFor(method, pattern)]
      const path = fillPath(pattern, f)
      const known = table[`${method} ${pattern}`] ?? {}
      if (pattern.includes(':id')) {
        for (const id of HOSTILE_PATH_IDS) {
          const body = method === 'GET' ? undefined : JSON.stringify(known.body?.base ?? {})
          await run({
            method,
            path: fillPath(pattern, f, id),
            token,
            body,
            label: `${method} ${pattern} id=${id}`,
          })
        }
      }
      if (pattern.includes(':period')) {
        for (const id of HOSTILE_PATH_IDS) {
          await run({
            method,
            path: pattern.replace(':period', id),
            token,
            body: method === 'GET' ? undefined : '{}',
            label: `${method} ${pattern} period=${id}`,
          })
        }
      }
      const queryBase = new URLSearchParams(known.query?.base as Record<string, string>)
      // a body route reads no query; a GET without a query schema is tried on the usual names
      const queryFields = known.query
        ? schemaFields(known.query.validator).map((p) => p.join('.'))
        : method === 'GET'
          ? GENERIC_QUERY
          : []
      for (const name of queryFields) {
        for (const hostile of HOSTILE_QUERY_VALUES) {
          const q = new URLSearchParams(queryBase)
          q.delete(name)
          const qs = [q.toString(), hostile(name)].filter(Boolean).join('&')
          const body = method === 'GET' ? undefined : JSON.stringify(known.body?.base ?? {})
          await run({
            method,
            path: `${path}?${qs}`,
            token,
            body,
            label: `${method} ${pattern} ?${name}`,
          })
        }
      }
      if (method === 'GET') continue
      for (const raw of HOSTILE_RAW_BODIES) {
        await run({
          method,
          path,
          token,
          body: raw,
          label: `${method} ${pattern} body=${raw.slice(0, 20)}`,
        })
      }
      await run({
        method,
        path,
        token,
        body: 'a=1',
        contentType: 'application/x-www-form-urlencoded',
        label: `${method} ${pattern} form`,
      })
      if (!known.body) continue
      for (const field of schemaFields(known.body.validator)) {
        for (const value of HOSTILE_VALUES) {
          const body = JSON.stringify(withValue(known.body.base, field, value))
          const shown = JSON.stringify(value)?.slice(0, 20)
          await run({
            method,
            path,
            token,
            body,
            label: `${method} ${pattern} ${field.join('.')}=${shown}`,
          })
        }
      }
    }
    console.log(`schema fuzz: ${probes} requests over ${apiRoutes().length} routes`)
    assert.deepEqual(failures, [])
  }).timeout(600_000)
})
