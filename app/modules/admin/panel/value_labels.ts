import i18nManager from '@adonisjs/i18n/services/main'
import type { Locale } from '#kernel/i18n'

/**
 * Coded values (kind, status, role…) are labelled in the catalogues, not in code, so translators
 * edit each label once: resources/lang/<locale>/panel_values.json as `panel_values.<set>.<value>`,
 * zh-CN "中文 code" and English "Receipt". AdminJS shows an option as `labels.<property>.<value>` of
 * the reader's language, so each resource carries those labels per language (valueTranslations).
 */
export type ValueLabels = (locale: Locale, value: string) => string

/** The raw string (never ICU-formatted: labels are plain text), undefined when none is held. */
const message = (locale: Locale, key: string): string | undefined =>
  i18nManager.getTranslationsFor(locale)[key]

/** A value no catalogue names shows as its code, capitalized in English ("pending" → "Pending"). */
function unnamed(locale: Locale, value: string) {
  return locale === 'en' ? value.charAt(0).toUpperCase() + value.slice(1) : value
}

/**
 * The labels of one set of panel_values.json. Read when asked, never at import: the column lists
 * may be built before the catalogues load.
 */
export const valueLabels =
  (set: string): ValueLabels =>
  (locale, value) =>
    message(locale, `panel_values.${set}.${value}`) ?? unnamed(locale, value)

/**
 * Labels whose names another catalogue already holds (`alerts.severity`: 提示 / Info): read there,
 * not copied. `withCode` adds the code after the zh-CN name, as panel_values' labels show it.
 */
export const namedLabels =
  (prefix: string, withCode = true): ValueLabels =>
  (locale, value) => {
    const name = message(locale, `${prefix}.${value}`)
    if (name === undefined) return unnamed(locale, value)
    return withCode && locale === 'zh-CN' ? `${name} ${value}` : name
  }

/** A value's zh-CN label, for text shown alike to every reader (record titles, the dashboard inbox). */
export const zhLabel = (set: string, value: string) => valueLabels(set)('zh-CN', value)

/** AdminJS resource translations holding each coded value's label in both languages. */
export function valueTranslations(
  columns: Array<{ name: string; values: string[]; labels: ValueLabels }>
) {
  const zh: Record<string, string> = {}
  const en: Record<string, string> = {}
  for (const { name, values, labels } of columns) {
    for (const value of values) {
      zh[`${name}.${value}`] = labels('zh-CN', value)
      en[`${name}.${value}`] = labels('en', value)
    }
  }
  return { 'zh-CN': { labels: zh }, 'en': { labels: en } }
}
