import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { BenchCommand, countFlag, type BenchLog } from '#kernel/cli_command'

/**
 * `npm run bench`. The benchmark lives in bench/ and is imported inside run(): listing commands
 * must not load it (nor the application). It starts its own database and server processes, so the
 * application is not started in this process.
 */
export default class Bench extends BenchCommand {
  static commandName = 'bench'
  static description = 'Posting throughput (API vs raw SQL) and statement PDFs/s (bench/README.md)'
  static options: CommandOptions = { startApp: false }

  @countFlag('concurrent clients (and baseline connections)', 8)
  declare clients: number

  @countFlag('measured postings per client per round', 250)
  declare postings: number

  @countFlag('rounds per side (the median is reported)', 3)
  declare rounds: number

  @countFlag('warm-up postings per client per side', 300)
  declare warmup: number

  @flags.boolean({ description: 'write a CPU profile of the HTTP server to tmp/bench-profile/' })
  declare profile: boolean

  @flags.boolean({ description: 'posting throughput only (no statement PDFs/s)' })
  declare skipStatements: boolean

  protected async measure(log: BenchLog) {
    const { runPostingBench } = await import('../../../bench/posting_bench.js')
    const { runStatementThroughput } = await import('../../../bench/statement_run.js')
    return runPostingBench({
      clients: this.clients,
      postingsPerClient: this.postings,
      rounds: this.rounds,
      warmupPerClient: this.warmup,
      profileDir: this.profile ? 'tmp/bench-profile' : undefined,
      log,
      afterRun: this.skipStatements ? undefined : (url) => runStatementThroughput(url, log),
    })
  }
}
