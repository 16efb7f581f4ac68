import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { NotFound } from '#kernel/errors'
import type { UnitOfWork } from '#kernel/unit_of_work'

/** 科目对照: our account → the ERP chart's code, with the auxiliaries the ERP keeps on it. */
export function mappingView(row: any) {
  return {
    accountCode: row.account_code as string,
    accountName: (row.name_zh ?? null) as string | null,
    externalCode: row.external_code as string | null,
    externalName: row.external_name as string | null,
    customerAux: Boolean(row.customer_aux),
    projectAux: Boolean(row.project_aux),
    updatedAt: row.updated_at ? new Date(row.updated_at).toISOString() : null,
  }
}

/** Every ledger account with its mapping (unmapped ones with null codes). */
export async function listMappings(client: QueryClientContract) {
  const result = await client.rawQuery(
    `SELECT a.code AS account_code, a.name_zh, m.external_code, m.external_name, m.customer_aux,
            m.project_aux, m.updated_at
       FROM ledger_accounts a LEFT JOIN voucher_account_map m ON m.account_code = a.code
      ORDER BY a.code`
  )
  return result.rows.map(mappingView)
}

export interface MappingInput {
  externalCode: string | null
  externalName?: string | null
  customerAux?: boolean
  projectAux?: boolean
}

/** Sets (or with externalCode null, removes) an account's mapping; audited before → after. */
export async function setMapping(uow: UnitOfWork, accountCode: string, input: MappingInput) {
  const account = await uow.trx.from('ledger_accounts').where('code', accountCode).first()
  if (!account) throw new NotFound('ledger account')
  const current = await uow.trx
    .from('voucher_account_map')
    .where('account_code', accountCode)
    .forUpdate()
    .first()
  const before = current ? mappingView({ ...current, name_zh: account.name_zh }) : null
  if (input.externalCode === null) {
    await uow.trx.from('voucher_account_map').where('account_code', accountCode).delete()
  } else {
    await uow.trx.rawQuery(
      `INSERT INTO voucher_account_map AS m
         (account_code, external_code, external_name, customer_aux, project_aux, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, now())
       ON CONFLICT (account_code) DO UPDATE SET external_code = EXCLUDED.external_code,
         external_name = EXCLUDED.external_name, customer_aux = EXCLUDED.customer_aux,
         project_aux = EXCLUDED.project_aux, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        accountCode,
        input.externalCode,
        input.externalName ?? before?.externalName ?? null,
        input.customerAux ?? before?.customerAux ?? false,
        input.projectAux ?? before?.projectAux ?? false,
        uow.actor.userId,
      ] as RawQueryBindings
    )
  }
  const mappings = await listMappings(uow.trx)
  const after = mappings.find((m: any) => m.accountCode === accountCode)
  uow.audit({
    entityType: 'voucher_account_map',
    entityId: accountCode,
    action: 'update',
    before,
    after,
  })
  return after
}
