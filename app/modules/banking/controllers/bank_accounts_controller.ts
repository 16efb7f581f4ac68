import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { Conflict } from '#kernel/errors'
import { authorize, authorizedInput } from '#modules/identity/public'
import { bankAccountView } from '#modules/banking/services/bank_accounts'
import { bankAccountValidator } from '#modules/banking/validators/banking_validators'
import { respond } from '#kernel/api_command'

/** Our bank (and WeChat Pay / Alipay merchant) accounts. */
export default class BankAccountsController {
  async index(ctx: HttpContext) {
    await authorize(ctx, 'bank.read')
    const rows = await db.from('bank_accounts').orderBy('id')
    return { data: rows.map(bankAccountView) }
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, 'bank.manage', bankAccountValidator)
    await respond(ctx, 201, async (uow) => {
      const taken = await uow.trx
        .from('bank_accounts')
        .where({ account_no: input.accountNo, currency: input.currency })
        .first()
      if (taken)
        throw new Conflict(
          'bank_account_exists',
          'this account and currency are registered already',
          undefined,
          'accountNo'
        )
      const [row] = await uow.trx
        .table('bank_accounts')
        .insert({
          name: input.name,
          bank_name: input.bankName ?? null,
          account_no: input.accountNo,
          currency: input.currency,
          channel: input.channel ?? 'bank_transfer',
          created_by: uow.actor.userId,
        })
        .returning('*')
      const view = bankAccountView(row)
      uow.audit({ entityType: 'bank_account', entityId: view.id, action: 'create', after: view })
      return view
    })
  }
}
