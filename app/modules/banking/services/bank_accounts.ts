import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Conflict, NotFound } from '#kernel/errors'

/** What is matched of line `l`: links to journals still live (a reversed receipt proves nothing). */
export const LIVE_MATCHED = `coalesce((SELECT sum(m.amount) FROM bank_line_matches m
   WHERE m.bank_line_id = l.id
     AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = m.journal_id)), 0)`

export interface BankAccountRow {
  id: number
  name: string
  bank_name: string | null
  account_no: string
  currency: string
  channel: 'bank_transfer' | 'wechat' | 'alipay'
  is_active: boolean
}

/** An account as the API shows it. */
export function bankAccountView(row: BankAccountRow) {
  return {
    id: Number(row.id),
    name: row.name,
    bankName: row.bank_name,
    accountNo: row.account_no,
    currency: row.currency,
    channel: row.channel,
    isActive: row.is_active,
  }
}

export async function findBankAccount(
  id: number,
  client: QueryClientContract = db.connection()
): Promise<BankAccountRow> {
  const row = await client.from('bank_accounts').where('id', id).first()
  if (!row) throw new NotFound('bank account')
  return row
}

/** Account numbers compare by their letters and digits only (banks print them with spaces). */
export function sameAccountNo(a: string, b: string): boolean {
  const plain = (value: string) => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase()
  return plain(a) === plain(b) || plain(a).endsWith(plain(b)) || plain(b).endsWith(plain(a))
}

export async function activeBankAccount(id: number, client?: QueryClientContract) {
  const account = await findBankAccount(id, client)
  if (!account.is_active) {
    throw new Conflict(
      'bank_account_inactive',
      `bank account ${account.name} is inactive`,
      undefined,
      'bankAccountId'
    )
  }
  return account
}
