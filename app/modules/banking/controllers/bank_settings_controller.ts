import type { HttpContext } from '@adonisjs/core/http'
import { authorize, authorizedInput } from '#modules/identity/public'
import { bankingSettings, settingsView } from '#modules/banking/services/banking_settings'
import { bankSettingsValidator } from '#modules/banking/validators/banking_validators'
import { respond } from '#kernel/api_command'

/** GET/PATCH /api/v1/bank-settings: the auto-post bar, the date window, the unconfirmed-money rule. */
export default class BankSettingsController {
  async show(ctx: HttpContext) {
    await authorize(ctx, 'bank.read')
    return settingsView(await bankingSettings())
  }

  async update(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'bank.manage', bankSettingsValidator)
    await respond(ctx, 200, async (uow) => {
      const before = settingsView(await bankingSettings(uow.trx))
      // the row lock also queues postings that read the rule (they read it in ledger_lock_account)
      await uow.trx.rawQuery(
        `UPDATE banking_settings SET
           auto_post_confidence = coalesce(?::numeric, auto_post_confidence),
           match_window_days = coalesce(?::smallint, match_window_days),
           forbid_unconfirmed_use = coalesce(?::boolean, forbid_unconfirmed_use),
           updated_by = ?, updated_at = now()
         WHERE id = 1`,
        [
          input.autoPostConfidence ?? null,
          input.matchWindowDays ?? null,
          input.forbidUnconfirmedUse ?? null,
          uow.actor.userId,
        ] as any[]
      )
      const after = settingsView(await bankingSettings(uow.trx))
      uow.audit({ entityType: 'banking_settings', entityId: 1, action: 'update', before, after })
      return after
    })
  }
}
