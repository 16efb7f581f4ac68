import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { SqlResource, SqlTable, type TableSpec } from '#modules/admin/panel/sql_resource'
import { auditLogSpec } from '#modules/admin/resources/audit_resources'

/*
| Issue 20: the panel's reference lookups (findOne, findMany, the id filter) compare the bigint
| primary key itself, never `id::text` (which scanned every row of a big table); a composite id
| still compares as text; an id that is no number finds nothing instead of failing.
*/
test.group('Panel: lookups by id', (group) => {
  group.setup(async () => {
    for (let i = 0; i < 3; i++) {
      await db.rawQuery(
        `SELECT audit_append(NULL, 'admin', NULL, NULL, NULL,
                             '[{"entityType": "panel_test", "entityId": "1", "action": "test"}]'::jsonb)`
      )
    }
  })

  test('findOne and findMany by bigint id, and a non-numeric id', async ({ assert }) => {
    const resource = new SqlResource(new SqlTable(auditLogSpec))
    const rows = await db.from('audit_logs').orderBy('id', 'desc').limit(3).select('id')
    assert.lengthOf(rows, 3)
    const ids = rows.map((r: any) => String(r.id))

    const one = await resource.findOne(ids[1])
    assert.equal(one?.id(), ids[1])
    const many = await resource.findMany([ids[0], Number(ids[2]), 'not-a-number'])
    assert.sameMembers(
      many.map((r) => r.id()),
      [ids[0], ids[2]]
    )
    assert.isNull(await resource.findOne('1 OR 1=1'))
    assert.deepEqual(await resource.findMany(['x']), [])
  })

  test('the lookup uses the primary key index', async ({ assert }) => {
    const resource = new SqlResource(new SqlTable(auditLogSpec))
    const queries: string[] = []
    const listener = (query: any) => queries.push(String(query.sql))
    db.connection().getWriteClient().on('query', listener)
    try {
      await resource.findMany(['1', '2'])
    } finally {
      db.connection().getWriteClient().removeListener('query', listener)
    }
    const lookup = queries.find((sql) => sql.includes('audit_logs'))
    assert.exists(lookup)
    assert.notInclude(lookup!, 'id::text in')
    assert.include(lookup!, 'audit_logs.id in')
  })

  test('a composite id still compares as text', async ({ assert }) => {
    const spec: TableSpec = {
      id: 'periods_test',
      table: 'accounting_periods',
      idSql: 'accounting_periods.period',
      columns: [{ name: 'status' }],
    }
    await db.rawQuery(
      `INSERT INTO accounting_periods (period, status) VALUES ('1990-01', 'open') ON CONFLICT DO NOTHING`
    )
    const resource = new SqlResource(new SqlTable(spec))
    const found = await resource.findOne('1990-01')
    assert.equal(found?.id(), '1990-01')
    assert.lengthOf(await resource.findMany(['1990-01', 'nope']), 1)
  })
})
