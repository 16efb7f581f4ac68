import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** `node ace bench:storage`: bytes per posting (bench/README.md); a `_bench` database only. */
export default class StorageBench extends BaseCommand {
  static commandName = 'bench:storage'
  static description =
    'Bytes per posting: journal + lines + audit row + their indexes (DATABASE_URL …_bench)'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'fresh postings to measure', default: 5000 })
  declare postings: number

  async run() {
    const database = new URL(process.env.DATABASE_URL ?? 'postgres://x/none').pathname.slice(1)
    if (!database.endsWith('_bench')) {
      this.logger.error('set DATABASE_URL to a migrated database whose name ends in _bench')
      this.exitCode = 1
      return
    }
    const { runStorageBench } = await import('../../../bench/storage_bench.js')
    await runStorageBench({ postings: this.postings, log: (line) => console.log(line) })
  }
}
