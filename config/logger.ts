import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, targets } from '@adonisjs/core/logger'
import { testLogCapture } from '#kernel/test_log_capture'

const loggerConfig = defineConfig({
  default: 'app',
  loggers: {
    app: {
      enabled: true,
      name: 'advance-ledger',
      level: env.get('LOG_LEVEL'),
      // tests: kept in memory and shown only under a failing test (tests/bootstrap.ts)
      ...(app.inTest
        ? { desination: testLogCapture.stream }
        : {
            transport: {
              targets: targets()
                .pushIf(!app.inProduction, targets.pretty())
                .pushIf(app.inProduction, targets.file({ destination: 1 }))
                .toArray(),
            },
          }),
    },
  },
})

export default loggerConfig

declare module '@adonisjs/core/types' {
  export interface LoggersList extends InferLoggers<typeof loggerConfig> {}
}
