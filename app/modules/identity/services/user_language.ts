import User from '#modules/identity/models/user'
import type { Actor } from '#kernel/actor'
import type { Locale } from '#kernel/i18n'
import { NotFound } from '#kernel/errors'
import { runInTransaction } from '#kernel/unit_of_work'

/**
 * A user's own language (users.locale): the panel, their notifications and e-mails use it. Changed
 * by the user themself (the panel's language selector), audited like any change to a user.
 */
export async function setUserLanguage(actor: Actor, locale: Locale): Promise<Locale> {
  return runInTransaction(actor, async (uow) => {
    const user = await User.query({ client: uow.trx })
      .where('id', actor.userId!)
      .forUpdate()
      .first()
    if (!user) throw new NotFound('user')
    if (user.locale === locale) return locale
    const before = { locale: user.locale }
    user.locale = locale
    await user.save()
    uow.audit({
      entityType: 'user',
      entityId: user.id,
      action: 'update',
      before,
      after: { locale },
    })
    return locale
  })
}
