import type { NamedReporterContract } from '@japa/runner/types'

/**
 * Prints "N passed, N failed" as the very last line of the run (on process exit, after every other
 * reporter), which is the line CI reads. A failure outside a test (a hook) counts as one failure.
 */
export function closingLineReporter(): NamedReporterContract {
  return {
    name: 'closing-line',
    handler: (runner, emitter) => {
      emitter.on('runner:end', () => {
        const summary = runner.getSummary()
        const { passed, failed } = summary.aggregates
        const failures = summary.hasError && failed === 0 ? 1 : failed
        process.once('exit', () => {
          process.stdout.write(`\n${passed} passed, ${failures} failed\n`)
        })
      })
    },
  }
}
