import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { authorize, ManagedTableController, routeId } from '#modules/identity/public'
import { respond } from '#kernel/api_command'
import {
  ScheduleService,
  scheduleView,
  withScheduleDefaults,
} from '#modules/reports/services/schedule_service'
import {
  createScheduleValidator,
  updateScheduleValidator,
} from '#modules/reports/validators/report_validators'

/** /api/v1/report-schedules: read with reports.read, change with reports.manage (audited). */
@inject()
export default class ReportSchedulesController extends ManagedTableController<
  typeof createScheduleValidator,
  typeof updateScheduleValidator
> {
  constructor(private schedules: ScheduleService) {
    super({
      read: 'reports.read',
      manage: 'reports.manage',
      list: () => schedules.list(),
      find: async (id) => scheduleView(await schedules.find(id)),
      createWith: createScheduleValidator,
      create: (uow, input) => schedules.create(uow, withScheduleDefaults(input)),
      updateWith: updateScheduleValidator,
      update: (uow, id, changes) => schedules.update(uow, id, changes),
    })
  }

  /** Answers 200 {deleted: true} (the other managed tables answer 204). */
  async destroy(ctx: HttpContext) {
    await authorize(ctx, 'reports.manage')
    await respond(ctx, 200, async (uow) => {
      await this.schedules.destroy(uow, routeId(ctx))
      return { deleted: true }
    })
  }
}
