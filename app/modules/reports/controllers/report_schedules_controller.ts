import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput } from '#modules/identity/public'
import { executeCommand } from '#kernel/api_command'
import { ScheduleService, withScheduleDefaults } from '#modules/reports/services/schedule_service'
import {
  createScheduleValidator,
  updateScheduleValidator,
} from '#modules/reports/validators/report_validators'

/** /api/v1/report-schedules: read with reports.read, change with reports.manage (audited). */
@inject()
export default class ReportSchedulesController {
  constructor(private schedules: ScheduleService) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    return { data: await this.schedules.list() }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, 'reports.read')
    const { scheduleView } = await import('#modules/reports/services/schedule_service')
    return scheduleView(await this.schedules.find(Number(ctx.params.id)))
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'reports.manage', createScheduleValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 201,
      body: await this.schedules.create(uow, withScheduleDefaults(input)),
    }))
  }

  async update(ctx: HttpContext) {
    const changes = await authorizedInput(ctx, 'reports.manage', updateScheduleValidator)
    await executeCommand(ctx, async (uow) => ({
      status: 200,
      body: await this.schedules.update(uow, Number(ctx.params.id), changes),
    }))
  }

  async destroy(ctx: HttpContext) {
    await authorize(ctx, 'reports.manage')
    await executeCommand(ctx, async (uow) => {
      await this.schedules.destroy(uow, Number(ctx.params.id))
      return { status: 200, body: { deleted: true } }
    })
  }
}
