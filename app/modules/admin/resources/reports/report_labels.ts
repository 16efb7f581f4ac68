/** Coded values of the report screens (their labels: panel_values.json, value_labels.ts). */
export const KINDS = ['statements', 'exec_pack'] as const
export const LOCALES = ['zh-CN', 'en'] as const
export const RUN_STATUSES = ['running', 'completed', 'failed'] as const
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const
export const FORMATS = ['xlsx', 'csv'] as const
