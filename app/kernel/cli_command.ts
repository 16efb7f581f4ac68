import { BaseCommand } from '@adonisjs/core/ace'
import { errors as vineErrors, SimpleMessagesProvider, type VineValidator } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import type { ApplicationService } from '@adonisjs/core/types'
import type { BooleanFlag, CommandOptions, NumberFlag, StringFlag } from '@adonisjs/core/types/ace'

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
   * The command's flags checked by a Vine validator, the same rules as the API's. A refusal names
   * the flag (`The --as-of field must be a date written YYYY-MM-DD`) and gives undefined; `flagOf`
   * names what the user typed for a field spelled otherwise (`{ voucherWord: '--word' }`).
   */
  protected async validated<V extends VineValidator<any, any>>(
    validator: V,
    flags: Record<string, unknown>,
    flagOf: Record<string, string> = {}
  ): Promise<Infer<V> | undefined> {
    const names = Object.fromEntries(
      Object.keys(flags).map((field) => [field, flagOf[field] ?? `--${kebab(field)}`])
    )
    try {
      return await validator.validate(flags, {
        messagesProvider: new SimpleMessagesProvider(CLI_MESSAGES, names),
      })
    } catch (error) {
      if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
      for (const { message } of error.messages as { message: string }[]) this.fail(message)
      return undefined
    }
  }
}

/** Vine's English messages, but a date is named by how it is written. */
const CLI_MESSAGES = { date: 'The {{ field }} field must be a date written YYYY-MM-DD' }

/** A field's flag: asOf → as-of. */
function kebab(field: string) {
  return field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)
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
    // what the measured postings set off after commit (alert checks, outbox dispatch) ends here,
    // before the application closes the pool under it
    const { reactionsSettled } = await import('#kernel/unit_of_work')
    await reactionsSettled()
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
   * since the figures so far do not say where it broke. No database at all is said in a sentence:
   * `node ace` defaults DATABASE_URL to npm start's embedded PostgreSQL, which may not be running.
   */
  private async printLines(work: (log: BenchLog) => Promise<unknown>) {
    try {
      await work((line) => console.log(line))
    } catch (error) {
      if (refusedConnection(error)) {
        const { hostname, port } = new URL(this.databaseUrl || 'postgres://127.0.0.1:5432/')
        return this.fail(
          `no PostgreSQL answers at ${hostname}:${port || 5432}: set DATABASE_URL, or start the embedded one with npm start`
        )
      }
      this.fail(error instanceof Error ? (error.stack ?? error.message) : String(error))
    }
  }
}

/** A refused TCP connection, alone or among the addresses tried (an AggregateError). */
function refusedConnection(error: unknown): boolean {
  const { code, errors } = (error ?? {}) as { code?: string; errors?: unknown[] }
  return code === 'ECONNREFUSED' || (errors ?? []).some(refusedConnection)
}

/** A flag as ace's `defineFlag` takes it: its name is the key a benchmark lists it under. */
type Unnamed<Flag> = Omit<Flag, 'name' | 'flagName'>

/** A benchmark's flag: a number, a boolean or a string. */
export type BenchFlag =
  Unnamed<NumberFlag<number>> | Unnamed<BooleanFlag<boolean>> | Unnamed<StringFlag<string>>

/** The values `measure` reads: each flag's, typed by the flag's type. */
export type BenchValues<Flags extends Record<string, BenchFlag>> = {
  [Name in keyof Flags]: Flags[Name] extends { type: 'number' }
    ? number
    : Flags[Name] extends { type: 'boolean' }
      ? boolean
      : string
}

/** What a measurement may need besides its flags. */
export interface BenchContext {
  /** DATABASE_URL (set: checked before `measure` runs, for a bench on a sibling database) */
  databaseUrl: string
  app: ApplicationService
}

/**
 * A benchmark as data (app/modules/bench/benchmarks.ts): its ace command's name, description and
 * flags, the database check BenchCommand makes (`seeds` or `sibling`), and its measurement, which
 * imports its runner from bench/ only when it runs.
 */
export interface Benchmark<Flags extends Record<string, BenchFlag> = Record<string, BenchFlag>> {
  name: string
  description: string
  seeds?: string
  sibling?: string
  /** `{ startApp: false }` for a bench that starts its own processes or databases */
  options?: CommandOptions
  flags: Flags
  measure(values: BenchValues<Flags>, log: BenchLog, context: BenchContext): Promise<unknown>
}

/** Types a benchmark's `measure` by its flags. */
export function benchmark<Flags extends Record<string, BenchFlag>>(entry: Benchmark<Flags>) {
  return entry
}

/** The ace command of a benchmark: BenchCommand's checks and printing around the entry's `measure`. */
export function benchCommand(entry: Benchmark) {
  const Command = class extends BenchCommand {
    static commandName = entry.name
    static description = entry.description
    static seeds = entry.seeds
    static sibling = entry.sibling

    protected measure(log: BenchLog) {
      const values = Object.fromEntries(
        Command.flags.map((flag) => [flag.name, this.parsed.flags[flag.flagName]])
      ) as BenchValues<typeof entry.flags>
      return entry.measure(values, log, { databaseUrl: this.databaseUrl, app: this.app })
    }
  }
  if (entry.options) Command.options = entry.options
  for (const [name, flag] of Object.entries(entry.flags)) Command.defineFlag(name, flag)
  return Command
}

/**
 * A benchmark's count flag (`--clients N`, `--rows N`…): read as a whole number, at least 1, so
 * `--workers 0` or `2.5` still runs rather than dividing by zero or looping on a fraction.
 */
export function countFlag(description: string, defaultValue: number): Unnamed<NumberFlag<number>> {
  return {
    type: 'number',
    description,
    default: defaultValue,
    parse: (value: number) => Math.max(1, Math.floor(value)),
  }
}
