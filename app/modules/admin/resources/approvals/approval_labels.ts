import { panelText } from '#modules/admin/panel/panel_catalogue'
import type { Locale } from '#kernel/i18n'

/** A request's statuses (their labels: panel_values.json `approval_status`). */
export const STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'expired']

/** A role's label in the reader's language from the panel catalogue (panel.json `properties`). */
export const roleLabel = (role: string, locale: Locale) =>
  panelText(locale, 'properties', `role.${role}`, role)
/** A field's zh-CN label from the panel catalogue (panel.json `properties`). */
export const fieldLabel = (key: string) => panelText('zh-CN', 'properties', key, key)
