import type { LocaleTranslations } from 'adminjs'
import type { Locale } from '#kernel/i18n'

/**
 * The panel's merged catalogues (set once by buildPanelOptions), so server-side answers name a
 * field by the label the form shows ("客户", not `customerId`).
 */
let catalogues: Partial<Record<Locale, LocaleTranslations>> = {}

export function setPanelTranslations(translations: Partial<Record<Locale, LocaleTranslations>>) {
  catalogues = translations
}

type Labels = Record<string, string> | undefined

/** A property's label on one resource's forms (its own label first, then the shared one). */
export function propertyLabel(
  locale: Locale,
  resourceId: string | undefined,
  property: string
): string | undefined {
  const translations = catalogues[locale] as Record<string, any> | undefined
  if (!translations) return undefined
  const own = resourceId
    ? (translations.resources?.[resourceId]?.properties as Labels)?.[property]
    : undefined
  return own ?? (translations.properties as Labels)?.[property]
}
