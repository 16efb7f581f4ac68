import i18nManager from '@adonisjs/i18n/services/main'
import type { I18n } from '@adonisjs/i18n'

/**
 * The product's languages, read from the catalogues in resources/lang/<locale>/*.json through
 * @adonisjs/i18n (config/i18n.ts). zh-CN is the default: a reader whose language is unknown or not
 * supported reads Chinese.
 */
export type Locale = 'zh-CN' | 'en'
export const LOCALES: readonly Locale[] = ['zh-CN', 'en']
export const DEFAULT_LOCALE: Locale = 'zh-CN'

/** A stored or requested language as one of ours: any English is `en`, anything else zh-CN. */
export function localeOf(value: string | null | undefined): Locale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

/**
 * The language of an `Accept-Language` header, q-values honoured (`en;q=0.9, zh-CN;q=0.8` is
 * English; `fr` alone is the default).
 */
export function localeFromHeader(header: string | null | undefined): Locale {
  if (!header?.trim()) return DEFAULT_LOCALE
  return localeOf(i18nManager.getSupportedLocaleFor(header) ?? DEFAULT_LOCALE)
}

const instances = new Map<Locale, I18n>()

/** The translator for a language (one per language: they only read the loaded catalogues). */
export function i18nFor(locale: Locale): I18n {
  let instance = instances.get(locale)
  if (!instance) {
    instance = i18nManager.locale(locale)
    instances.set(locale, instance)
  }
  return instance
}

/**
 * One message of the catalogue, formatted (ICU MessageFormat). Values are passed as text, so ids
 * and amounts are never regrouped by the number formatter ("12345" stays "12345"). A key no
 * catalogue holds gives `fallback` when one is given (an unknown action type shows as itself).
 */
export function t(
  locale: Locale,
  key: string,
  values: Record<string, unknown> = {},
  fallback?: string
): string {
  const text: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && value !== null) text[name] = String(value)
  }
  const i18n = i18nFor(locale)
  if (fallback !== undefined && !i18n.hasMessage(key) && !i18n.hasFallbackMessage(key)) {
    return fallback
  }
  return i18n.t(key, text)
}

/** Whether the catalogue of this language (not its fallback) holds the key. */
export function hasMessage(locale: Locale, key: string): boolean {
  return i18nFor(locale).hasMessage(key)
}

/**
 * The raw strings a catalogue holds under a prefix, as `{ rest of the key → string }` (`mobile` →
 * `{ approval: '审批单', 'statuses.pending': '待审批' }`): for pages that take all their words at
 * once. This language's own strings over the default language's (a missing one reads in Chinese).
 */
export function messagesUnder(locale: Locale, prefix: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const source of [DEFAULT_LOCALE, locale]) {
    for (const [key, message] of Object.entries(i18nManager.getTranslationsFor(source))) {
      if (key.startsWith(`${prefix}.`)) out[key.slice(prefix.length + 1)] = message
    }
  }
  return out
}
