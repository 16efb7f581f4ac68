import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { systemActor } from '#kernel/actor'
import { makeUser } from '#tests/support/fixtures'
import { UserService } from '#modules/identity/services/user_service'
import { setUserLanguage } from '#modules/identity/services/user_language'

/** The audit rows of one user, oldest first, with their before/after as written. */
async function auditOf(userId: number) {
  return db
    .from('audit_logs')
    .where({ entity_type: 'user', entity_id: String(userId) })
    .whereIn('action', ['update', 'deactivate'])
    .orderBy('id')
    .select('action', 'before', 'after')
}

test.group('Users: every edit audited with before and after', () => {
  test('update, language and deactivation each write one audit row', async ({ assert }) => {
    const { user } = await makeUser('finance')
    const actor = systemActor('test')
    const service = new UserService()

    await service.update(actor, user.id, { fullName: 'Renamed', password: 'Other#2026' })
    await setUserLanguage({ ...actor, userId: user.id }, 'en')
    await setUserLanguage({ ...actor, userId: user.id }, 'en') // unchanged: nothing written
    await service.deactivate(actor, user.id)
    await service.deactivate(actor, user.id) // already inactive: nothing written

    const rows = await auditOf(user.id)
    assert.deepEqual(
      rows.map((r) => r.action),
      ['update', 'update', 'deactivate']
    )
    assert.equal(rows[0].before.fullName, 'Test finance')
    assert.equal(rows[0].after.fullName, 'Renamed')
    assert.isTrue(rows[0].after.passwordChanged)
    assert.notProperty(rows[0].after, 'password')
    assert.deepEqual(rows[1].before, { locale: 'zh-CN' })
    assert.deepEqual(rows[1].after, { locale: 'en' })
    assert.isTrue(rows[2].before.isActive)
    assert.isFalse(rows[2].after.isActive)
    const tokens = await db.from('auth_access_tokens').where('tokenable_id', user.id)
    assert.lengthOf(tokens, 0)
    const stored = await db.from('users').where('id', user.id).first()
    assert.equal(stored.locale, 'en')
    assert.equal(stored.full_name, 'Renamed')
  })

  test('an edit of a user that does not exist is refused as not found', async ({ assert }) => {
    await assert.rejects(
      () => new UserService().update(systemActor('test'), 987_654_321, { fullName: 'x' }),
      /not found|user/i
    )
  })
})
