import { notificationMailer } from '#modules/notifications/services/notification_mailer'
import type { JobModule } from '#modules/worker/public'

/**
 * Notification emails a web process did not send after its commit (it died, or the SMTP server
 * refused): the worker sends what is due every few seconds, retries included.
 */
export default function notificationJobsModule(): JobModule {
  return {
    name: 'notifications',
    jobs: [],
    polling: [
      { name: 'notification-emails', everyMs: 5000, handler: () => notificationMailer.sendDue() },
    ],
  }
}
