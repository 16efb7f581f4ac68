import { flags } from '@adonisjs/core/ace'
import { ActingCommand } from '#modules/identity/public'

/** `node ace import:run --kind K --file F [--dry-run] [--as EMAIL]`: one import from the shell. */
export default class ImportRun extends ActingCommand {
  static commandName = 'import:run'
  static description =
    'Import a CSV/XLSX file (customers, projects, installments, opening, receipts…): dry run, then commit'

  @flags.string({
    description:
      'customers | projects | installments | opening | receipts | applications | refunds | documents',
    required: true,
  })
  declare kind: string

  @flags.string({ description: 'the CSV or XLSX file', required: true })
  declare file: string

  @flags.boolean({ description: 'validate only; write nothing' })
  declare dryRun: boolean

  @flags.string({ description: 'go-live date of opening balances (YYYY-MM-DD)' })
  declare goLiveDate: string

  async run() {
    const { ImportJobs, importPermission } = await import('#modules/imports/services/import_jobs')
    const { basename } = await import('node:path')
    let permission
    try {
      permission = importPermission(this.kind)
    } catch (error) {
      return this.fail(`--${(error as Error).message}`)
    }
    const actor = await this.actingActor(permission)
    if (!actor) return
    const jobs = new ImportJobs()
    let view: any = await jobs.upload(actor, {
      kind: this.kind,
      fileName: basename(this.file),
      file: this.file,
      goLiveDate: this.goLiveDate ?? null,
    })
    if (!this.dryRun && view.status === 'validated') view = await jobs.commit(actor, view.id)
    const { errors, header, ...summary } = view
    this.logger.info(JSON.stringify(summary))
    for (const e of (errors ?? []).slice(0, 50)) {
      this.logger.warning(`row ${e.row} ${e.column ?? ''} ${e.rule}: ${e.message} / ${e.messageEn}`)
    }
    if (!['validated', 'committed', 'awaiting_approval'].includes(view.status)) this.exitCode = 1
  }
}
