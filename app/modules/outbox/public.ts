// What other modules may use of outbox (docs/structure.md, "Public surfaces").

export type { OutboxReaction } from '#modules/outbox/outbox_dispatcher'
export { EVENT_TYPES } from '#modules/outbox/outbox_events'
export type { OutboxEvent } from '#modules/outbox/outbox_events'
export type { RetentionStep } from '#modules/outbox/outbox_retention'
