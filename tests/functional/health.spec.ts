import { test } from '@japa/runner'

test.group('Health', () => {
  test('GET /health reports the app and database up', async ({ client }) => {
    const response = await client.get('/health')
    response.assertStatus(200)
    response.assertBody({ status: 'ok', db: 'ok' })
  })
})
