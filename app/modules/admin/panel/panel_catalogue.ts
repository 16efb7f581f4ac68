import i18nManager from '@adonisjs/i18n/services/main'
import type { LocaleTranslations } from 'adminjs'
import type { Locale } from '#kernel/i18n'

/**
 * The panel's words live in the i18n catalogues resources/lang/<locale>/panel*.json (panel.json for
 * the core screens, panel_<area>.json for each module), shaped as AdminJS translations:
 * `labels | actions | buttons | messages | components | properties . <key>` and
 * `resources . <resourceId> . <section> . <key>`. A key may itself hold dots (`status.active`).
 * The strings are i18next's (`{{id}}`), read by AdminJS in the browser: never formatted with `t()`.
 */
const PANEL_FILE = /^panel(_[a-z0-9_]+)?$/
/** panel_values.json is not shaped as AdminJS translations: value_labels.ts reads it per column. */
const VALUES_FILE = 'panel_values'

/** The AdminJS translations of one language, from that language's catalogues only (no fallback). */
export function panelTranslations(locale: Locale): LocaleTranslations {
  const out: Record<string, any> = {}
  for (const [key, message] of Object.entries(i18nManager.getTranslationsFor(locale))) {
    const [file, section, ...rest] = key.split('.')
    if (!PANEL_FILE.test(file) || file === VALUES_FILE || !section || rest.length === 0) continue
    if (section === 'resources') {
      const [resourceId, resourceSection, ...name] = rest
      if (!resourceSection || name.length === 0) continue
      const resource = ((out.resources ??= {})[resourceId] ??= {})
      ;(resource[resourceSection] ??= {})[name.join('.')] = message
    } else {
      ;(out[section] ??= {})[rest.join('.')] = message
    }
  }
  return out
}

/**
 * One string of panel.json for code outside React (column renderers, dashboard cards):
 * `panelText('zh-CN', 'properties', 'role.finance')`; `fallback` when no catalogue holds it.
 */
export function panelText(locale: Locale, section: string, key: string, fallback = key): string {
  const id = `panel.${section}.${key}`
  return (
    i18nManager.getTranslationsFor(locale)[id] ??
    i18nManager.getTranslationsFor('zh-CN')[id] ??
    fallback
  )
}
