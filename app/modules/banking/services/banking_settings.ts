import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Decimal } from 'decimal.js'

export interface BankingSettings {
  /** a suggestion at or above this confidence is posted without waiting for finance */
  autoPostConfidence: Decimal
  /** days either side of a bank line's date in which a registered receipt may be its match */
  matchWindowDays: number
  /** applications and refunds may not use money still unconfirmed */
  forbidUnconfirmedUse: boolean
}

export async function bankingSettings(
  client: QueryClientContract = db.connection()
): Promise<BankingSettings> {
  const row = await client.from('banking_settings').where('id', 1).first()
  return {
    autoPostConfidence: new Decimal(row.auto_post_confidence),
    matchWindowDays: Number(row.match_window_days),
    forbidUnconfirmedUse: row.forbid_unconfirmed_use,
  }
}

export function settingsView(settings: BankingSettings) {
  return {
    autoPostConfidence: settings.autoPostConfidence.toFixed(3),
    matchWindowDays: settings.matchWindowDays,
    forbidUnconfirmedUse: settings.forbidUnconfirmedUse,
  }
}
