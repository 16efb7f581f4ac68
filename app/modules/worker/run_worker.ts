import type { BaseCommand } from '@adonisjs/core/ace'
import { BackgroundWorker, type BackgroundWorkerOptions } from '#modules/worker/background_worker'

/**
 * Runs a background worker from an ace command until SIGINT/SIGTERM, then lets its jobs finish
 * (pg-boss graceful stop) before the process exits.
 */
export async function runWorkerCommand(command: BaseCommand, options: BackgroundWorkerOptions) {
  const worker = new BackgroundWorker(options)
  try {
    await worker.start()
  } catch (error) {
    command.logger.error(error instanceof Error ? error.message : String(error))
    command.exitCode = 1
    await worker.stop().catch(() => {})
    await command.terminate()
    return
  }
  command.app.terminating(() => worker.stop())
  process.once('SIGINT', () => command.terminate())
  command.logger.success(
    `worker ${worker.workerId} running ${worker.moduleNames.join(', ')}; Ctrl-C to stop`
  )
}
