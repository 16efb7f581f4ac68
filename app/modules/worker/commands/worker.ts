import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * `node ace worker`: every background job of start/jobs.ts in one process (report schedules and
 * deliveries, alert evaluation, the digest, approval expiry). `npm start` runs one in-process;
 * run more anywhere, they share the work through pg-boss.
 */
export default class Worker extends AppCommand {
  static commandName = 'worker'
  static description =
    'Run all background work (pg-boss): report schedules, alerts, digest, approval expiry'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: 'only these job modules (e.g. --only reports --only alerts)' })
  declare only?: string[]

  @flags.number({
    description: 'seconds after which another worker may take over a delivery claim',
  })
  declare claimTimeout?: number

  async run() {
    const { runWorkerCommand } = await import('#modules/worker/run_worker')
    await runWorkerCommand(this, {
      only: this.only?.length ? this.only : undefined,
      claimTimeoutSeconds: this.claimTimeout,
    })
  }
}
