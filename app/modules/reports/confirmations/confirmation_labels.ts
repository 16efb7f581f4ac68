import { messagesUnder, type Locale } from '#kernel/i18n'
import { labelsFor } from '#reports/labels'

/**
 * The confirmation pages' words: resources/lang/<locale>/confirmations.json, zh-CN first (the
 * customer's statement language decides). Taken raw: `{at}` is filled by the page (`fill`).
 */
const WORDS = [
  'title',
  'other',
  'customer',
  'period',
  'to',
  'opening',
  'received',
  'used',
  'closing',
  'movements',
  'noMovements',
  'balance',
  'download',
  'confirm',
  'confirmHint',
  'dispute',
  'disputeHint',
  'comment',
  'attachment',
  'submitDispute',
  'confirmedAt',
  'disputedAt',
  'superseded',
  'refused',
  'notFoundTitle',
  'notFound',
  'tooLarge',
  'badType',
  'commentRequired',
] as const

export type ConfirmationLabels = Record<(typeof WORDS)[number], string> & {
  lang: Locale
  /** the language the page's switch leads to */
  otherLang: Locale
  kinds: Record<string, string>
}

/** Read once a language: the catalogues are loaded at boot and never change while running. */
const read = new Map<Locale, ConfirmationLabels>()

export function confirmationLabels(locale: string | null | undefined): ConfirmationLabels {
  const lang: Locale = locale === 'en' ? 'en' : 'zh-CN'
  if (!read.has(lang)) read.set(lang, fromCatalogue(lang))
  return read.get(lang)!
}

function fromCatalogue(lang: Locale): ConfirmationLabels {
  const messages = messagesUnder(lang, 'confirmations')
  const words = Object.fromEntries(WORDS.map((word) => [word, messages[word] ?? word]))
  return {
    ...(words as Record<(typeof WORDS)[number], string>),
    lang,
    otherLang: lang === 'en' ? 'zh-CN' : 'en',
    kinds: labelsFor(lang).kinds,
  }
}
