import { AppCommand, countFlag } from '#kernel/cli_command'

/** `node ace bench:storage`: bytes per posting (bench/README.md); a `_bench` database only. */
export default class StorageBench extends AppCommand {
  static commandName = 'bench:storage'
  static description =
    'Bytes per posting: journal + lines + audit row + their indexes (DATABASE_URL …_bench)'

  @countFlag('fresh postings to measure', 5000)
  declare postings: number

  async run() {
    if (!this.onBenchDatabase('a migrated one: postings are added to it')) return
    const { runStorageBench } = await import('../../../bench/storage_bench.js')
    await this.printLines((log) => runStorageBench({ postings: this.postings, log }))
  }
}
