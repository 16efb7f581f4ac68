import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace reports:worker`: a long-running report worker (pg-boss). With --run ID it drains that
 * run's deliveries and exits (manual recovery, tests).
 */
export default class ReportsWorker extends BaseCommand {
  static commandName = 'reports:worker'
  static description = 'Run the report worker (scheduled statements and executive packs)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ flagName: 'run', description: 'drain this run and exit' })
  declare runId?: number

  @flags.number({ description: 'seconds after which another worker may take over a claim' })
  declare claimTimeout?: number

  async run() {
    const { closeSharedRenderer, sharedRenderer } = await import('#reports/renderer')
    const options =
      this.claimTimeout !== undefined ? { claimTimeoutSeconds: this.claimTimeout } : {}
    if (this.runId !== undefined) {
      const { DeliveryService, newWorkerId } =
        await import('#modules/reports/services/delivery_service')
      const service = await this.app.container.make(DeliveryService)
      try {
        const workerId = newWorkerId()
        // announce the browser's pid (lets a supervisor, or a test, end it with this worker)
        console.log(
          JSON.stringify({ worker: workerId, chromiumPid: await sharedRenderer().browserPid() })
        )
        const sent = await service.drainRun(this.runId, workerId, options)
        this.logger.success(`run ${this.runId}: ${sent} sent by ${workerId}`)
      } catch (error) {
        this.logger.error(error instanceof Error ? error.message : String(error))
        this.exitCode = 1
      } finally {
        await closeSharedRenderer()
        await this.terminate()
      }
      return
    }
    const { ReportWorker } = await import('#modules/reports/services/report_jobs')
    const worker = new ReportWorker(options)
    await worker.start()
    this.logger.info(`report worker ${worker.workerId} started`)
    const stop = async () => {
      await worker.stop()
      await closeSharedRenderer()
      await this.terminate()
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  }
}
