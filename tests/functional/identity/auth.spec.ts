import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeUser } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

test.group('Auth: tokens and login throttling', () => {
  test('valid credentials give a token that works; login is audited', async ({
    client,
    assert,
  }) => {
    const { user, password } = await makeUser('finance')
    const response = await client
      .post(route('auth_tokens.store'))
      .json({ email: user.email, password })
    response.assertStatus(201)
    const me = await client.get(route('me.show')).bearerToken(response.body().token)
    me.assertStatus(200)
    assert.equal(me.body().email, user.email)
    const row = await db
      .from('audit_logs')
      .where({ entity_type: 'user', entity_id: String(user.id), action: 'login' })
      .first()
    assert.exists(row)
    assert.equal(row.ip, '127.0.0.1')
  })

  test('a bearer call carries no session; a revoked token or a deactivated user → 401 at once', async ({
    client,
    assert,
  }) => {
    const { user, token } = await makeUser('finance')
    const me = await client.get(route('me.show')).bearerToken(token)
    me.assertStatus(200)
    assert.equal(me.body().id, user.id)
    assert.notExists(me.header('set-cookie'))

    await db.from('users').where('id', user.id).update({ is_active: false })
    const inactive = await client.get(route('me.show')).bearerToken(token)
    inactive.assertStatus(401)
    await db.from('users').where('id', user.id).update({ is_active: true })
    await client
      .get(route('me.show'))
      .bearerToken(token)
      .then((r) => r.assertStatus(200))

    await client.delete(route('auth_tokens.destroy')).bearerToken(token)
    const revoked = await client.get(route('me.show')).bearerToken(token)
    revoked.assertStatus(401)
  })

  test('a wrong password → 401 and a failed-login audit row; the sixth try → 429', async ({
    client,
    assert,
  }) => {
    const { user } = await makeUser('sales')
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post(route('auth_tokens.store'))
        .json({ email: user.email, password: 'wrong' })
      response.assertStatus(401)
    }
    const failures = await db
      .from('audit_logs')
      .where('action', 'login_failed')
      .whereRaw("after->>'email' = ?", [user.email])
    assert.lengthOf(failures, 5)
    const blocked = await client
      .post(route('auth_tokens.store'))
      .json({ email: user.email, password: 'Secret#123' })
    blocked.assertStatus(429)
  })

  test('passwords are stored hashed', async ({ assert }) => {
    const { user } = await makeUser('auditor')
    const row = await db.from('users').where('id', user.id).first()
    assert.notEqual(row.password, 'Secret#123')
    assert.match(row.password, /^\$scrypt\$/)
  })
})
