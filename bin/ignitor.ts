import 'reflect-metadata'
import { Ignitor } from '@adonisjs/core'

/** The application root every entrypoint (server, console, tests) boots from. */
export const APP_ROOT = new URL('../', import.meta.url)

const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

/** The AdonisJS ignitor with the environment loaded at boot and graceful termination on signals. */
export function createIgnitor() {
  return new Ignitor(APP_ROOT, { importer: IMPORTER }).tap((app) => {
    app.booting(async () => {
      await import('#start/env')
    })
    // Exit once terminated: handles nobody closes (AdminJS's bundler, pools of libraries) would
    // otherwise keep the process alive until it is killed, and a killed process writes no
    // --cpu-prof profile.
    const terminateAndExit = () => app.terminate().finally(() => process.exit())
    // under bin/start.ts (npm start) its own handler terminates the app, then the embedded database
    if (process.env.START_OWNS_SIGNALS === 'true') return
    app.listen('SIGTERM', terminateAndExit)
    app.listenIf(app.managedByPm2, 'SIGINT', terminateAndExit)
  })
}
