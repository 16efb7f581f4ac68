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

  /**
   * DATABASE_URL, when set; otherwise says what the command needs it for and returns undefined.
   * The benchmarks that build their own company use a sibling of this database.
   */
  protected databaseUrlOrFail(why: string): string | undefined {
    const databaseUrl = process.env.DATABASE_URL
    if (!databaseUrl) this.fail(`set DATABASE_URL (${why})`)
    return databaseUrl
  }

  /**
   * True when DATABASE_URL names a database ending in `_bench`: the benchmarks that seed or churn
   * the database they are given refuse any other, so a slip cannot fill a working database.
   */
  protected onBenchDatabase(why: string): boolean {
    const database = new URL(process.env.DATABASE_URL ?? 'postgres://x/none').pathname.slice(1)
    if (database.endsWith('_bench')) return true
    this.fail(`set DATABASE_URL to a database whose name ends in _bench (${why})`)
    return false
  }

  /**
   * Runs a long job (a benchmark) that prints its figures line by line to stdout; a failure prints
   * its stack, since the figures so far do not say where it broke.
   */
  protected async printLines(work: (log: (line: string) => void) => Promise<unknown>) {
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
