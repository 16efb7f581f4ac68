import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { SqlResource, SqlTable } from '#modules/admin/panel/sql_resource'
import { requestColumns, ruleColumns } from '#modules/admin/resources/approvals/approval_columns'

/*
| Issue 17: a rule's levels column ("1. 财务主管 → 2. 系统管理员") reads its roles in the reader's
| language (users.locale), from the panel catalogues' role labels.
*/
test.group('Approvals panel: rule levels in the reader language', (group) => {
  let ruleId = ''
  group.setup(async () => {
    const [row] = await db
      .table('approval_rules')
      .insert({
        name: 'levels language test',
        action_type: 'refund',
        levels: JSON.stringify([{ role: 'finance_manager' }, { role: 'admin' }]),
      })
      .returning('id')
    ruleId = String(row.id ?? row)
    return async () => {
      await db.from('approval_rules').where('id', ruleId).delete()
    }
  })

  const resource = () =>
    new SqlResource(
      new SqlTable({ id: 'approval_rules', table: 'approval_rules', columns: ruleColumns })
    )
  const reader = (locale: string) => ({
    currentAdmin: { id: 1, email: 'a@x', title: 'A', role: 'admin', locale },
  })

  test('zh-CN and English readers', async ({ assert }) => {
    const zh = await resource().findOne(ruleId, reader('zh-CN'))
    assert.equal(zh?.params.levels, '1. 财务主管 → 2. 系统管理员')
    const en = await resource().findOne(ruleId, reader('en'))
    assert.equal(en?.params.levels, '1. Finance manager → 2. Administrator')
    const [listed] = await resource().find(
      { filters: { name: { path: 'name', value: 'levels language test' } } } as any,
      { limit: 1 },
      reader('en')
    )
    assert.equal(listed.params.levels, '1. Finance manager → 2. Administrator')
  })

  test("a request's levels: roles and the current-level mark in the reader's language", ({
    assert,
  }) => {
    const levels = requestColumns.find((c) => c.name === 'levels')!
    const row = {
      levels: [{ role: 'finance_manager' }, { role: 'admin' }],
      status: 'pending',
      currentLevel: 2,
      decisions: [{ level: 1, decision: 'approve' }],
    }
    assert.equal(levels.compute!(row, 'en'), '1. Finance manager ✓ → 2. Administrator · current')
    assert.equal(levels.compute!(row, 'zh-CN'), '1. 财务主管 ✓ → 2. 系统管理员 · 当前')
  })
})
