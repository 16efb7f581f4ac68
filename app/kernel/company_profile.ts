import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { company } from '#kernel/company'
import type { UnitOfWork } from '#kernel/unit_of_work'

/**
 * The letterhead a statement is printed on, the finance contact it is replied to and the books
 * start: the one `company_settings` row (edited in the panel), the company name from COMPANY_NAME
 * until then.
 */
export interface CompanyProfile {
  name: string
  nameEn: string | null
  address: string | null
  addressEn: string | null
  phone: string | null
  taxId: string | null
  bankName: string | null
  bankAccount: string | null
  logoDataUrl: string | null
  financeContactName: string | null
  financeContactEmail: string | null
  /** 账套启用日期: no entry may be dated before it (ledger.sql `ledger_books_start`) */
  booksStartDate: string | null
}

export const PROFILE_FIELDS = [
  'name',
  'nameEn',
  'address',
  'addressEn',
  'phone',
  'taxId',
  'bankName',
  'bankAccount',
  'logoDataUrl',
  'financeContactName',
  'financeContactEmail',
  'booksStartDate',
] as const

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

export function profileFromRow(row: Record<string, any> | undefined): CompanyProfile {
  const profile = Object.fromEntries(
    PROFILE_FIELDS.map((field) => [field, row?.[snake(field)] ?? null])
  ) as unknown as CompanyProfile
  profile.name = profile.name || company.name
  return profile
}

export async function loadCompanyProfile(
  client: Pick<QueryClientContract, 'rawQuery'> = db
): Promise<CompanyProfile> {
  const result = await client.rawQuery('SELECT * FROM company_settings WHERE id = 1')
  return profileFromRow(result.rows[0])
}

/** The profile's columns for an UPDATE/INSERT (field → column). */
export function profileColumns(changes: Partial<CompanyProfile>): Record<string, unknown> {
  const columns: Record<string, unknown> = {}
  for (const field of PROFILE_FIELDS) {
    if (field in changes) columns[snake(field)] = changes[field] ?? null
  }
  return columns
}

/** Changes the letterhead (one row, created on first save); audited in the caller's unit of work. */
export async function updateCompanyProfile(
  uow: UnitOfWork,
  changes: Partial<CompanyProfile>
): Promise<CompanyProfile> {
  const locked = await uow.trx.rawQuery('SELECT * FROM company_settings WHERE id = 1 FOR UPDATE')
  const before = profileFromRow(locked.rows[0])
  const merged = { ...before, ...changes }
  const columns = profileColumns(merged)
  const names = Object.keys(columns)
  await uow.trx.rawQuery(
    `INSERT INTO company_settings (id, ${names.join(', ')}, updated_at)
     VALUES (1, ${names.map(() => '?').join(', ')}, now())
     ON CONFLICT (id) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, updated_at = now()`,
    names.map((n) => columns[n]) as any[]
  )
  uow.audit({
    entityType: 'company_settings',
    entityId: 1,
    action: 'update',
    before: withoutLogo(before),
    after: withoutLogo(merged),
  })
  return merged
}

/** The audit row records whether a logo changed, not its bytes. */
function withoutLogo(profile: CompanyProfile) {
  const { logoDataUrl, ...rest } = profile
  return { ...rest, logo: logoDataUrl ? `${logoDataUrl.length} chars` : null }
}
