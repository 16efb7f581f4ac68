import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * `node ace reports:run --schedule ID`: runs a schedule now (its period rule applied to today) and
 * delivers it from this process; running workers share the run. --enqueue leaves it to the workers.
 */
export default class ReportsRun extends AppCommand {
  static commandName = 'reports:run'
  static description = 'Run a report schedule now: --schedule ID [--enqueue]'

  @flags.number({ description: 'report schedule id', required: true })
  declare schedule: number

  @flags.boolean({ description: 'only create the run and queue it for the workers' })
  declare enqueue: boolean

  async run() {
    const { ScheduleService } = await import('#modules/reports/services/schedule_service')
    const { RunService } = await import('#modules/reports/services/run_service')
    const { DeliveryService } = await import('#modules/reports/services/delivery_service')
    const { closeSharedRenderer } = await import('#reports/renderer')
    try {
      const schedule = await new ScheduleService().find(this.schedule)
      const { run } = await new RunService().createRun(schedule, {
        at: new Date(),
        scheduledFor: null,
      })
      this.logger.info(`run ${run.id}: ${run.kind} ${run.period_from} — ${run.period_to}`)
      if (this.enqueue) {
        const { startBoss, enqueueRun } = await import('#modules/reports/services/report_jobs')
        const boss = await startBoss()
        await enqueueRun(boss, run.id)
        await boss.stop({ graceful: false, wait: true })
        this.logger.success(`run ${run.id} queued`)
        return
      }
      const service = await this.app.container.make(DeliveryService)
      const sent = await service.drainRun(run.id)
      const { default: db } = await import('@adonisjs/lucid/services/db')
      const counts = await db.rawQuery(
        'SELECT status, count(*) AS n FROM report_deliveries WHERE run_id = ? GROUP BY 1 ORDER BY 1',
        [run.id]
      )
      this.logger.success(
        `run ${run.id}: sent ${sent} here; ${counts.rows.map((r: any) => `${r.status} ${r.n}`).join(', ')}`
      )
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error))
    } finally {
      await closeSharedRenderer()
    }
  }
}
