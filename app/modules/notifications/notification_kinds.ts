/**
 * What a person may be told, and how. A kind is one reason to notify: 到款提醒 (a receipt posted
 * for one of my customers), a bank line matched to such a receipt, a decision on my approval
 * request. Each person chooses per kind; no choice means in-app and email.
 */
export const NOTIFICATION_KINDS = [
  'receipt_posted',
  'bank_line_matched',
  'approval_decided',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const DELIVERIES = ['in_app_email', 'in_app', 'email', 'off'] as const
export type Delivery = (typeof DELIVERIES)[number]
export const DEFAULT_DELIVERY: Delivery = 'in_app_email'
