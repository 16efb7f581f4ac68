/** A bank line's statuses and their labels, zh-CN first. */
export const STATUSES = ['unmatched', 'suggested', 'matched', 'ignored'] as const
export const STATUS_LABELS: Record<string, string> = {
  unmatched: '未匹配 · unmatched',
  suggested: '待确认 · suggested',
  matched: '已匹配 · matched',
  ignored: '非预收款 · not a prepayment',
}
