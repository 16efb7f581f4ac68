/*
| The background worker inside the web process when WORKER=on (npm start's default): one process
| serves HTTP and runs every job of start/jobs.ts. WORKER=off leaves the jobs to `node ace worker`
| processes elsewhere. A worker that cannot start is logged; the web server keeps serving.
*/
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'

if (process.env.WORKER === 'on') {
  app.ready(async () => {
    const { BackgroundWorker } = await import('#modules/worker/background_worker')
    const worker = new BackgroundWorker()
    app.terminating(() => worker.stop())
    try {
      await worker.start()
    } catch (error) {
      logger.error({ err: error }, 'background worker did not start; the web server carries on')
    }
  })
}
