import { writeFile } from 'node:fs/promises'
import { flags } from '@adonisjs/core/ace'
import { AppCommand } from '#kernel/cli_command'

/** 凭证导出 from the command line: the same export as the API, audited as the system actor. */
export default class ExportVouchers extends AppCommand {
  static commandName = 'export:vouchers'
  static description =
    'Export the ledger as ERP vouchers (用友 U8/T+, 金蝶 K/3/KIS) for a period or date range'

  @flags.string({ description: 'Period YYYY-MM (or --from and --to)' })
  declare period?: string

  @flags.string({ description: 'First day YYYY-MM-DD' })
  declare from?: string

  @flags.string({ description: 'Last day YYYY-MM-DD' })
  declare to?: string

  @flags.string({ description: 'csv (default) or xlsx' })
  declare format?: string

  @flags.string({ description: 'standard (default), yonyou_u8 or kingdee' })
  declare layout?: string

  @flags.string({
    description: 'journal (one voucher per journal, default) or daily (per day × account)',
  })
  declare mode?: string

  @flags.string({ description: '凭证字 (default 记)' })
  declare word?: string

  @flags.string({
    description: 'Output file (default: the export file name in the current directory)',
  })
  declare out?: string

  async run() {
    const { voucherExportValidator } =
      await import('#modules/vouchers/validators/voucher_validators')
    const { voucherRequest } = await import('#modules/vouchers/services/voucher_request')
    const { exportVouchers } = await import('#modules/vouchers/services/voucher_export')
    const { systemActor } = await import('#kernel/actor')
    const range = { period: this.period, from: this.from, to: this.to }
    const input = await this.validated(
      voucherExportValidator,
      {
        ...range,
        format: this.format,
        layout: this.layout,
        mode: this.mode,
        voucherWord: this.word,
      },
      { voucherWord: '--word' }
    )
    if (!input) return
    try {
      const file = await exportVouchers(systemActor('export:vouchers'), voucherRequest(input))
      const out = this.out ?? file.fileName
      await writeFile(out, file.bytes)
      this.logger.success(
        `${out}: ${file.vouchers} vouchers, ${file.lines} lines, ledger position ${file.ledgerPosition}, sha256 ${file.sha256}`
      )
    } catch (error) {
      this.fail((error as Error).message)
    }
  }
}
