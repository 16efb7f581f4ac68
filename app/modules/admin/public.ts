/*
| The admin module's public surface: what other modules, the workflows layer and the panel may
| import from it (bin/module_graph.mjs --check refuses an import that reaches past this file).
| Everything not named here is the module's own business.
*/

export { refuseCrossSite } from '#modules/admin/controllers/panel_caller'
export { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
export { displayAmount } from '#modules/admin/panel/format'
export { can, panelActor } from '#modules/admin/panel/panel_user'
export type { PanelUser } from '#modules/admin/panel/panel_user'
export { awaitingApprovals } from '#modules/admin/resources/approvals/approval_inbox'
