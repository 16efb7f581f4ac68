import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { closingLineReporter } from '#tests/support/closing_line_reporter'
import { spec } from '@japa/runner/reporters'
import { createHttpServer } from '#kernel/http_server'
import { testLogCapture } from '#kernel/test_log_capture'

/** The app's log lines (kept in memory in tests) printed under a test that failed, and only then. */
const logsOfFailures: NonNullable<Config['plugins']>[number] = ({ emitter }) => {
  emitter.on('test:start', () => testLogCapture.clear())
  emitter.on('test:end', (test) => {
    const lines = testLogCapture.lines()
    if (!test.hasError || !lines.length) return
    console.log(`    logs of "${test.title.expanded}":`)
    for (const line of lines) console.log(`      ${line}`)
  })
}

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  logsOfFailures,
]

export const reporters: Config['reporters'] = {
  activated: ['spec', 'closing-line'],
  list: [spec(), closingLineReporter()],
}

/** Migrations run once on the freshly reset schema; the HTTP server starts for functional suites. */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      await testUtils.db().migrate()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start(createHttpServer))
  }
}
