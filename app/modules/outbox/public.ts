/*
| The outbox module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export type { OutboxReaction } from '#modules/outbox/outbox_dispatcher'
export { EVENT_TYPES } from '#modules/outbox/outbox_events'
export type { OutboxEvent } from '#modules/outbox/outbox_events'
export type { RetentionStep } from '#modules/outbox/outbox_retention'
