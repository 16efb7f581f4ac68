import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * `node ace reports:worker`: kept as an alias of `node ace worker --only reports`. With --run ID it
 * drains that run's deliveries and exits (manual recovery, tests).
 */
export default class ReportsWorker extends AppCommand {
  static commandName = 'reports:worker'
  static description =
    'Alias of `worker --only reports` (scheduled statements and packs); --run ID drains one run'
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
        this.fail(error instanceof Error ? error.message : String(error))
      } finally {
        await closeSharedRenderer()
        await this.terminate()
      }
      return
    }
    const { runWorkerCommand } = await import('#modules/worker/public')
    await runWorkerCommand(this, { only: ['reports'], claimTimeoutSeconds: this.claimTimeout })
  }
}
