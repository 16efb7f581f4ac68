/*
| HTTP server entrypoint (bin/start.ts prepares the database first for `npm start`).
*/
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.js'
import { createHttpServer } from '../app/kernel/http_server.js'

createIgnitor()
  .httpServer()
  .start(createHttpServer)
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
