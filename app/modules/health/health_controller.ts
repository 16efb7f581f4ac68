import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'

export default class HealthController {
  async show({ response }: HttpContext) {
    try {
      await db.rawQuery('SELECT 1')
      return { status: 'ok', db: 'ok' }
    } catch {
      return response.status(503).send({ status: 'degraded', db: 'unreachable' })
    }
  }
}
