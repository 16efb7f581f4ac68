import { numberOrNull } from '#kernel/row_values'

/** An import job as the API and the panel show it. */
export function jobView(row: any) {
  return {
    id: Number(row.id),
    kind: row.kind,
    status: row.status,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    totalRows: row.total_rows,
    validRows: row.valid_rows,
    errorRows: row.error_rows,
    postedRows: row.posted_rows,
    skippedRows: row.skipped_rows,
    header: row.header ?? null,
    errors: row.errors ?? [],
    createdBy: Number(row.created_by),
    decidedBy: numberOrNull(row.decided_by),
    committedBy: numberOrNull(row.committed_by),
    approvalLevels: row.approval_levels ?? null,
    approvalDecisions: row.approval_decisions ?? [],
    maxBaseAmount: row.result?.maxBaseAmount ?? null,
    createdAt: row.created_at,
    committedAt: row.committed_at,
  }
}
