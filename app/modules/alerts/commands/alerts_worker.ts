import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand } from '#kernel/cli_command'

/** `node ace alerts:worker`: kept as an alias of `node ace worker --only alerts`. */
export default class AlertsWorker extends AppCommand {
  static commandName = 'alerts:worker'
  static description =
    'Alias of `worker --only alerts`: alert evaluation, the daily digest, approval expiry'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { runWorkerCommand } = await import('#modules/worker/public')
    await runWorkerCommand(this, { only: ['alerts'] })
  }
}
