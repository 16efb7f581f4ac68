// What other modules may use of admin (docs/structure.md, "Public surfaces").

export { refuseCrossSite } from '#modules/admin/controllers/panel_caller'
export { requirePanelUser } from '#modules/admin/middleware/panel_session_middleware'
export { displayAmount } from '#modules/admin/panel/format'
export { can, panelActor } from '#modules/admin/panel/panel_user'
export type { PanelUser } from '#modules/admin/panel/panel_user'
