import { Conflict } from '#kernel/errors'
import { FILE_TYPES, type Download } from '#kernel/download'
import type { DeliveryRow } from '#modules/reports/services/delivery_service'

/** The files a delivery keeps: the PDF sent, and for a statement every line as XLSX. */
export type DeliveryFileKind = 'pdf' | 'xlsx'

const FILES: Record<DeliveryFileKind, (row: DeliveryRow) => Download | null> = {
  // the very bytes sent, with their digest
  pdf: (row) =>
    row.pdf && {
      type: FILE_TYPES.pdf,
      name: row.file_name ?? 'report.pdf',
      body: row.pdf,
      headers: { 'X-Content-SHA256': row.pdf_sha256 ?? '' },
    },
  xlsx: (row) =>
    row.xlsx && { type: FILE_TYPES.xlsx, name: row.xlsx_file_name ?? 'lines.xlsx', body: row.xlsx },
}

/** One of a delivery's stored files, for the API and the panel alike; 409 while it has none. */
export function deliveryFile(row: DeliveryRow, kind: DeliveryFileKind): Download {
  const file = FILES[kind](row)
  if (!file) throw new Conflict('not_rendered', `this delivery has no ${kind.toUpperCase()} yet`)
  return file
}
