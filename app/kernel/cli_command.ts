import { BaseCommand } from '@adonisjs/core/ace'
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
