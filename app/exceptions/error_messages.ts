import type { HttpContext } from '@adonisjs/core/http'
import type { FieldContext } from '@vinejs/vine/types'
import type { ErrorDetail } from '#kernel/errors'
import { hasMessage, i18nFor, localeFromHeader, t, type Locale } from '#kernel/i18n'

/**
 * API error messages in the caller's language. `field` and `rule` never change (clients branch on
 * them); only `message` is worded from the catalogue resources/lang/<locale>/errors.json.
 */

const HAN = /\p{Script=Han}/u

const locales = new WeakMap<HttpContext, Locale>()

/** The request's language: its Accept-Language (q-values honoured), zh-CN by default. */
export function requestLocale(ctx: HttpContext): Locale {
  let locale = locales.get(ctx)
  if (!locale) {
    locale = localeFromHeader(ctx.request.header('accept-language'))
    locales.set(ctx, locale)
  }
  return locale
}

/** Vine's messages for a request (`request.validateUsing`): the validator catalogue of its language. */
export function validationMessagesFor(ctx: HttpContext) {
  return i18nFor(requestLocale(ctx)).createMessagesProvider()
}

/** A field's name as people read it (a form's label), when the caller knows one. */
export type FieldLabels = (field: string) => string | undefined

/**
 * The details as sent: worded in `locale`, the internal markers dropped. `labels` (the panel's
 * form labels) name the field in the message; `field` itself stays the property's name.
 */
export function localiseDetails(
  details: ErrorDetail[],
  locale: Locale,
  labels?: FieldLabels
): ErrorDetail[] {
  return details.map((detail) => {
    const { key, params, vine, ...sent } = detail
    const label = detail.field ? labels?.(detail.field) : undefined
    return { ...sent, message: messageOf(detail, locale, label) }
  })
}

function messageOf(detail: ErrorDetail, locale: Locale, label?: string): string {
  if (label) detail = { ...detail, params: { ...detail.params, field: label } }
  if (detail.vine) return vineMessage(detail, locale, label)
  // our database triggers word their refusals with the facts; English keeps those words
  if (detail.key && !(locale === 'en' && detail.message)) {
    return worded(locale, detail.key, detail) ?? detail.message
  }
  // a form names the field by its label: the catalogue's wording carries it (the service's names
  // the property)
  if (label && locale === 'en') {
    const labelled = worded(locale, detail.rule, detail)
    if (labelled) return labelled
  }
  // a service's refusal: its own wording is the English one (or already Chinese, naming its
  // facts: 科目 1122 未设置…); other languages word the rule
  if (locale === 'en' && detail.message) return detail.message
  if (locale === 'zh-CN' && HAN.test(detail.message)) return detail.message
  return worded(locale, detail.rule, detail) ?? worded(locale, 'refused', detail)!
}

/** The catalogue's message for a rule, with the detail's facts; null when the language lacks it. */
function worded(locale: Locale, rule: string, detail: ErrorDetail): string | null {
  const key = `errors.rules.${rule}`
  if (!hasMessage(locale, key)) return null
  try {
    return t(locale, key, { field: detail.field ?? '', ...detail.meta, ...detail.params })
  } catch {
    // the message names a fact this refusal lacks: the caller falls back to a plainer wording
    return null
  }
}

/** A Vine message worded again in `locale` (validators run outside a request answer in English). */
function vineMessage(detail: ErrorDetail, locale: Locale, label?: string): string {
  const path = detail.field ?? ''
  const name = label ?? path.split('.').pop() ?? path
  const field = { name, wildCardPath: path.replace(/\.\d+(?=\.|$)/g, '.*') } as FieldContext
  const meta = { ...(detail.meta as Record<string, unknown> | undefined) }
  return i18nFor(locale)
    .createMessagesProvider()
    .getMessage(detail.message, detail.rule, field, meta)
}
