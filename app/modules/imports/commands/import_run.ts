import { flags } from '@adonisjs/core/ace'
import { ActingCommand } from '#modules/identity/public'
import type { ImportKindName } from '#modules/imports/kinds/profiles'

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
    const { ImportJobs, IMPORT_PERMISSION } = await import('#modules/imports/services/import_jobs')
    const { IMPORT_KINDS } = await import('#modules/imports/kinds/profiles')
    const { basename } = await import('node:path')
    if (!(IMPORT_KINDS as readonly string[]).includes(this.kind)) {
      return this.fail(`--kind must be one of ${IMPORT_KINDS.join(', ')}`)
    }
    const actor = await this.actingActor(IMPORT_PERMISSION[this.kind as ImportKindName])
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
