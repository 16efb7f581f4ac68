import { test } from '@japa/runner'
import {
  panelMayDecide as mayDecide,
  parseLevels,
} from '#modules/admin/resources/approvals/approval_actions'

test.group('Approvals panel: who sees Approve / Reject, and rule levels', () => {
  const pending = {
    status: 'pending',
    requestedBy: 1,
    level: { role: 'finance_manager' },
    deciders: [] as number[],
  }

  test('the current level decides; never the requester, nor who decided an earlier level', ({
    assert,
  }) => {
    assert.isTrue(mayDecide(pending, { id: 2, role: 'finance_manager' }))
    assert.isFalse(mayDecide(pending, { id: 1, role: 'finance_manager' }), 'requester')
    assert.isFalse(mayDecide(pending, { id: 3, role: 'finance' }), 'other role')
    assert.isFalse(
      mayDecide({ ...pending, deciders: [2] }, { id: 2, role: 'finance_manager' }),
      'one person, one level'
    )
    assert.isFalse(
      mayDecide({ ...pending, status: 'approved' }, { id: 2, role: 'finance_manager' })
    )
    assert.isTrue(mayDecide({ ...pending, level: { userId: 7 } }, { id: 7, role: 'finance' }))
    // A user a level names decides only while their role may decide at all.
    assert.isFalse(mayDecide({ ...pending, level: { userId: 7 } }, { id: 7, role: 'sales' }))
    assert.isFalse(
      mayDecide({ ...pending, level: { role: 'auditor' } }, { id: 9, role: 'auditor' })
    )
    assert.isFalse(mayDecide({ ...pending, level: { userId: 7 } }, { id: 8, role: 'admin' }))
    assert.isFalse(mayDecide(pending, undefined))
  })

  test('levels are typed as roles or user:<id>, in order', ({ assert }) => {
    assert.deepEqual(parseLevels('finance_manager, admin'), [
      { role: 'finance_manager' },
      { role: 'admin' },
    ])
    assert.deepEqual(parseLevels('user:12 → finance_manager'), [
      { userId: 12 },
      { role: 'finance_manager' },
    ])
    assert.deepEqual(parseLevels(''), [])
    assert.throws(() => parseLevels('boss'), /neither a role/)
  })
})
