/*
| Ace entrypoint (ace.js registers the TypeScript loader and imports this file).
*/
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.js'
import { applyProductDefaults } from './runtime_env.js'

// the defaults npm start uses (its embedded database's URL, tmp/app_key), unless set or in .env
applyProductDefaults()

createIgnitor()
  .ace()
  .handle(process.argv.splice(2))
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
