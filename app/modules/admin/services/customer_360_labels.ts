import i18nManager from '@adonisjs/i18n/services/main'
import type { Locale } from '#kernel/i18n'

/**
 * The words of the Customer 360 page and the list toolbar (resources/lang/<locale>/customer360.json)
 * for the browser, nested as in the catalogue: { page: { title… }, kind: { receipt… }, … }.
 */
export function customer360Labels(locale: Locale) {
  const prefix = 'customer360.'
  const labels: Record<string, Record<string, string>> = {}
  for (const [key, text] of Object.entries(i18nManager.getTranslationsFor(locale))) {
    if (!key.startsWith(prefix)) continue
    const [section, name] = key.slice(prefix.length).split('.')
    labels[section] = { ...(labels[section] ?? {}), [name]: text }
  }
  return labels
}
