import { lockUser, saveUserEdit } from '#modules/identity/services/user_service'
import type { Actor } from '#kernel/actor'
import type { Locale } from '#kernel/i18n'
import { runInTransaction } from '#kernel/unit_of_work'

/**
 * A user's own language (users.locale): the panel, their notifications and e-mails use it. Changed
 * by the user themself (the panel's language selector), audited like any change to a user.
 */
export async function setUserLanguage(actor: Actor, locale: Locale): Promise<Locale> {
  return runInTransaction(actor, async (uow) => {
    const user = await lockUser(uow, actor.userId!)
    if (user.locale === locale) return locale
    const before = { locale: user.locale }
    user.locale = locale
    await saveUserEdit(uow, user, 'update', before, { locale })
    return locale
  })
}
