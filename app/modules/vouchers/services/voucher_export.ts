import { createHash } from 'node:crypto'
import { FILE_TYPES, type Download } from '#kernel/download'
import db from '@adonisjs/lucid/services/db'
import { company } from '#kernel/company'
import type { Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import { buildVouchers, type VoucherMode } from '#modules/vouchers/services/voucher_builder'
import { voucherCsv, voucherXlsx } from '#modules/vouchers/services/voucher_files'
import { LAYOUTS, layoutRows, type LayoutName } from '#modules/vouchers/voucher_layouts'

export interface VoucherExportRequest {
  from: string
  to: string
  format: 'csv' | 'xlsx'
  layout: LayoutName
  mode: VoucherMode
  voucherWord: string
}

export interface VoucherExport {
  fileName: string
  contentType: string
  bytes: Buffer
  sha256: string
  /** the highest journal id the file reflects */
  ledgerPosition: number
  vouchers: number
  lines: number
}

/** The file as a download: its digest and the ledger position it reflects travel as headers. */
export function voucherDownload(file: VoucherExport): Download {
  return {
    type: file.contentType,
    name: file.fileName,
    body: file.bytes,
    headers: { 'X-Content-SHA256': file.sha256, 'X-Ledger-Position': String(file.ledgerPosition) },
  }
}

const CONTENT_TYPES = { csv: FILE_TYPES.csv, xlsx: FILE_TYPES.xlsx }

/**
 * 凭证导出: reads the ledger in one snapshot (REPEATABLE READ, so the position and the lines agree),
 * builds the vouchers, writes the file, and audits the export with its SHA-256 and ledger position
 * (a file that left the company can be matched to its audit row byte for byte).
 */
export async function exportVouchers(
  actor: Actor,
  request: VoucherExportRequest
): Promise<VoucherExport> {
  const { position, vouchers } = await db.transaction(
    async (trx) => {
      const max = await trx.rawQuery('SELECT coalesce(max(id), 0) AS position FROM journals')
      const ledgerPosition = Number(max.rows[0].position)
      const built = await buildVouchers(trx, { ...request, position: ledgerPosition })
      return { position: ledgerPosition, vouchers: built }
    },
    { isolationLevel: 'repeatable read' }
  )
  const layout = LAYOUTS[request.layout]
  const rows = layoutRows(layout, vouchers, {
    voucherWord: request.voucherWord,
    baseCurrency: company.baseCurrency,
  })
  const bytes =
    request.format === 'csv' ? voucherCsv(layout, rows) : await voucherXlsx(layout, rows)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const suffix = request.mode === 'daily' ? '-daily' : ''
  const fileName = `vouchers-${request.layout}-${request.from}_${request.to}${suffix}.${request.format}`
  const result = {
    fileName,
    contentType: CONTENT_TYPES[request.format],
    bytes,
    sha256,
    ledgerPosition: position,
    vouchers: vouchers.length,
    lines: rows.length,
  }
  await runInTransaction(actor, async (uow) => {
    const { fileName: name, ledgerPosition, vouchers: count, lines } = result
    uow.audit({
      entityType: 'voucher_export',
      entityId: null,
      action: 'export',
      after: { ...request, fileName: name, sha256, ledgerPosition, vouchers: count, lines },
    })
  })
  return result
}
