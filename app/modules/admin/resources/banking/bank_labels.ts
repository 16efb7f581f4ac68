/** A bank line's statuses (their labels: panel_values.json `bank_line_status`). */
export const STATUSES = ['unmatched', 'suggested', 'matched', 'ignored'] as const
