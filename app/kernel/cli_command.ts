import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * The base of our ace commands. A command imports its services inside run(): listing commands
 * must not load the application. Most commands work on the application's database and services,
 * so they start it; one that must not (it starts its own processes, or works on another database)
 * says so with `static options = { startApp: false }`.
 */
export abstract class AppCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }

  /** Says why the command cannot do its work; the shell sees exit code 1. */
  protected fail(message: string): void {
    this.logger.error(message)
    this.exitCode = 1
  }
}

/** Where a benchmark writes its figures, one line at a time. */
export type BenchLog = (line: string) => void

/**
 * A benchmark (bench/README.md): checks the database it is pointed at, then measures and prints its
 * figures line by line. A bench that seeds or churns DATABASE_URL itself names why in `seeds`, and
 * runs only on a database whose name ends in `_bench`, so a slip cannot fill a working database; one
 * that builds its company in a sibling of DATABASE_URL (`<name>_<sibling>`) names the suffix in
 * `sibling` and needs DATABASE_URL set.
 */
export abstract class BenchCommand extends AppCommand {
  /** why DATABASE_URL must name a `_bench` database (the bench writes into it) */
  static seeds?: string
  /** the suffix of the sibling database the bench builds and measures */
  static sibling?: string

  /** Runs the measurement; `log` prints a line of figures. */
  protected abstract measure(log: BenchLog): Promise<unknown>

  async run() {
    const { seeds, sibling } = this.constructor as typeof BenchCommand
    if (seeds !== undefined && !this.onBenchDatabase(seeds)) return
    if (sibling !== undefined && !process.env.DATABASE_URL) {
      return this.fail(`set DATABASE_URL (the bench uses its sibling database <name>_${sibling})`)
    }
    await this.printLines((log) => this.measure(log))
  }

  /** DATABASE_URL (set: checked before `measure` runs, for a bench on a sibling database) */
  protected get databaseUrl(): string {
    return process.env.DATABASE_URL ?? ''
  }

  /** True when DATABASE_URL names a database ending in `_bench`; otherwise says why it must. */
  private onBenchDatabase(why: string): boolean {
    const database = new URL(process.env.DATABASE_URL ?? 'postgres://x/none').pathname.slice(1)
    if (database.endsWith('_bench')) return true
    this.fail(`set DATABASE_URL to a database whose name ends in _bench (${why})`)
    return false
  }

  /**
   * Runs the measurement, printing its figures line by line to stdout; a failure prints its stack,
   * since the figures so far do not say where it broke.
   */
  private async printLines(work: (log: BenchLog) => Promise<unknown>) {
    try {
      await work((line) => console.log(line))
    } catch (error) {
      this.fail(error instanceof Error ? (error.stack ?? error.message) : String(error))
    }
  }
}

/**
 * A benchmark's count flag (`--clients N`, `--rows N`…): read as a whole number, at least 1, so
 * `--workers 0` or `2.5` still runs rather than dividing by zero or looping on a fraction.
 */
export function countFlag(description: string, defaultValue: number) {
  return flags.number({
    description,
    default: defaultValue,
    parse: (value) => Math.max(1, Math.floor(value)),
  })
}
