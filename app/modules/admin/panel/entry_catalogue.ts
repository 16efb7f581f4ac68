import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import type { LocaleTranslations } from 'adminjs'
import { t, type Locale } from '#kernel/i18n'

/**
 * The panel entry catalogue (resources/lang/<locale>/panel_entry.json): its `panel` section is
 * AdminJS's own translations (labels, actions, messages, properties of the pages added for data
 * entry and the auditor's tools); the other sections are words the server writes into pages
 * (audit action and record names, schedule presets), read through @adonisjs/i18n.
 */
function catalogue(locale: Locale) {
  const file = join(app.languageFilesPath(), locale, 'panel_entry.json')
  return JSON.parse(readFileSync(file, 'utf8'))
}

export function panelEntryTranslations(locale: Locale): LocaleTranslations {
  return catalogue(locale).panel as LocaleTranslations
}

type Group = 'words' | 'auditActions' | 'entityTypes' | 'brokenReasons' | 'cronPresets'

/** The codes a group names (its zh-CN keys): the values of a coded column. */
export function entryCodes(group: Group): string[] {
  return Object.keys(catalogue('zh-CN')[group] ?? {})
}

/** A group as AdminJS option translations: `<property>.<code>` → word. */
export function entryOptions(locale: Locale, group: Group, property: string) {
  const words = (catalogue(locale)[group] ?? {}) as Record<string, string>
  return Object.fromEntries(Object.entries(words).map(([code, w]) => [`${property}.${code}`, w]))
}

/** One word of a group in `locale`; an unknown code shows as itself. */
export function entryWord(locale: Locale, group: Group, code: string): string {
  if (!/^[a-zA-Z_-]+$/.test(code)) return code
  return t(locale, `panel_entry.${group}.${code}`, {}, code)
}
