import vine from '@vinejs/vine'
import { LOCALES } from '#kernel/i18n'

/** The language a panel user picks in the top bar's selector. */
export const panelLanguageValidator = vine.compile(vine.object({ locale: vine.enum(LOCALES) }))
