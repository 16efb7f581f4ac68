import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * The outbox worker alone: dispatches the outbox (alert checks after postings, webhook fan-out)
 * and delivers webhooks, polling every second, until stopped. `alerts:worker` runs the same jobs
 * next to its schedules; run this one where only the outbox should be worked.
 */
export default class OutboxWork extends AppCommand {
  static commandName = 'outbox:work'
  static description = 'Dispatch the outbox and deliver webhooks until stopped (--once: one round)'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.boolean({ description: 'Dispatch and deliver what is due once, then exit' })
  declare once: boolean

  async run() {
    const { outboxJobs } = await import('#modules/outbox/outbox_jobs')
    const { webhookJobs } = await import('#modules/webhooks/public')
    const { startPollingJobs } = await import('#modules/worker/public')
    const jobs = [...outboxJobs, ...webhookJobs()]
    if (this.once) {
      for (const job of jobs) await job.handler()
      await this.terminate()
      return
    }
    const running = startPollingJobs(jobs)
    this.logger.success('outbox worker running; Ctrl-C to stop')
    this.app.terminating(() => running.stop())
  }
}
