// What other modules may use of reports (docs/structure.md, "Public surfaces").

export { confirmationKpis } from '#modules/reports/confirmations/confirmation_kpis'
export {
  confirmationsQueryValidator,
  contactsValidator,
  noteValidator,
  sendNowValidator,
} from '#modules/reports/confirmations/confirmation_validators'
export { nextFire } from '#modules/reports/services/cron'
export { DeliveryService } from '#modules/reports/services/delivery_service'
export { deliveryFile } from '#modules/reports/services/delivery_files'
export {
  EXPORT_STATUSES,
  ReportExportService,
} from '#modules/reports/exports/report_export_service'
export { GROUP_BY } from '#modules/reports/services/balances_report'
export { PERIOD_RULES, parsePeriod } from '#modules/reports/services/report_period'
export { renderReportPdf, statementFileName } from '#modules/reports/services/report_renderer'
export { reportSchemas } from '#modules/reports/services/report_schemas'
export { ScheduleService, withScheduleDefaults } from '#modules/reports/services/schedule_service'
export { StatementBuilder } from '#modules/reports/services/statement_builder'
export { fxQueryValidator } from '#modules/reports/validators/fx_validators'
export {
  balancesExportValidator,
  balancesQueryValidator,
  createScheduleValidator,
  deliveriesQueryValidator,
  resendValidator,
  runsQueryValidator,
  updateScheduleValidator,
} from '#modules/reports/validators/report_validators'
