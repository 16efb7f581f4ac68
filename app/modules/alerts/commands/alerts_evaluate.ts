import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

export default class AlertsEvaluate extends AppCommand {
  static commandName = 'alerts:evaluate'
  static description =
    'Evaluate the scheduled alert rules (due, overdue, stale, pending approvals…) and email new alerts'

  @flags.string({ description: 'Business date to evaluate as of (YYYY-MM-DD); default today' })
  declare asOf?: string

  @flags.boolean({ description: 'Also send the daily digest' })
  declare digest?: boolean

  @flags.boolean({ description: 'Do not send email', default: false })
  declare quiet: boolean

  async run() {
    const { evaluateAlertsValidator } = await import('#modules/alerts/validators/alert_validators')
    const input = await this.validated(evaluateAlertsValidator, { asOf: this.asOf })
    if (!input) return
    const { AlertEvaluator } = await import('#modules/alerts/services/alert_evaluator')
    const { AlertNotifier } = await import('#modules/alerts/services/alert_notifier')
    const { companyToday, toPlainDate } = await import('#kernel/company')
    const asOf = input.asOf ? toPlainDate(input.asOf) : companyToday()
    const evaluator = await this.app.container.make(AlertEvaluator)
    const opened = await evaluator.evaluateAll({ asOf, notify: !this.quiet })
    this.logger.success(`alerts evaluated as of ${asOf}: ${opened.length} new`)
    for (const alert of opened)
      this.logger.info(`  #${alert.id} [${alert.severity}] ${alert.message}`)
    if (this.digest && !this.quiet) {
      const notifier = await this.app.container.make(AlertNotifier)
      this.logger.info(`digest: ${await notifier.sendDigest(asOf)} mails sent`)
    }
  }
}
