import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/** `node ace bench:storage`: bytes per posting (bench/README.md); a `_bench` database only. */
export default class StorageBench extends BenchCommand {
  static commandName = 'bench:storage'
  static description =
    'Bytes per posting: journal + lines + audit row + their indexes (DATABASE_URL …_bench)'
  static seeds = 'a migrated one: postings are added to it'

  @countFlag('fresh postings to measure', 5000)
  declare postings: number

  protected async measure(log: BenchLog) {
    const { runStorageBench } = await import('../../../bench/storage_bench.js')
    return runStorageBench({ postings: this.postings, log })
  }
}
