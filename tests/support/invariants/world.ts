import db from '@adonisjs/lucid/services/db'
import type { Role } from '#modules/identity/roles'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'

/** A simulated user: one per seat, every role represented (two of the ones that post money). */
export interface Actor {
  name: string
  role: Role
  userId: number
  token: string
}

export interface HarnessCustomer {
  id: number
  projectId: number
  currency: string
  creditLimit: string
  ownerId: number | null
}

export interface World {
  actors: Actor[]
  customers: HarnessCustomer[]
  /** the months operations are dated in (only the first three are ever closed) */
  months: string[]
}

const SEATS: Array<[string, Role]> = [
  ['admin', 'admin'],
  ['sales1', 'sales'],
  ['sales2', 'sales'],
  ['finance1', 'finance'],
  ['finance2', 'finance'],
  ['manager1', 'finance_manager'],
  ['manager2', 'finance_manager'],
  ['auditor', 'auditor'],
  ['executive', 'executive'],
]

/**
 * The harness's own users and customers, dated in its own months (`year`), so closing them never
 * touches what other suites post: CNY customers owned by each sales user or nobody, one with a
 * credit limit, one in USD (a base-currency rate from before the months).
 */
export async function buildWorld(year: number): Promise<World> {
  const actors: Actor[] = []
  for (const [name, role] of SEATS) {
    const { user, token } = await makeUser(role)
    actors.push({ name, role, userId: user.id, token })
  }
  const owner = (name: string) => actors.find((a) => a.name === name)!.userId
  await db.rawQuery(
    `INSERT INTO exchange_rates (currency, rate_date, rate) VALUES ('USD', ?, 7.1234)
     ON CONFLICT (currency, rate_date) DO NOTHING`,
    [`${year - 1}-12-01`]
  )
  const specs: Array<Omit<HarnessCustomer, 'id' | 'projectId'>> = [
    { currency: 'CNY', creditLimit: '0', ownerId: owner('sales1') },
    { currency: 'CNY', creditLimit: '0', ownerId: owner('sales2') },
    { currency: 'CNY', creditLimit: '5000', ownerId: owner('sales1') },
    { currency: 'CNY', creditLimit: '0', ownerId: null },
    { currency: 'USD', creditLimit: '0', ownerId: owner('sales2') },
  ]
  const customers: HarnessCustomer[] = []
  for (const spec of specs) {
    const row = await makeCustomer({
      defaultCurrency: spec.currency,
      creditLimit: spec.creditLimit,
      salesOwnerId: spec.ownerId,
    })
    const project = await makeProject(row.id, spec.currency)
    customers.push({ ...spec, id: row.id, projectId: project.id })
  }
  const months = ['01', '02', '03', '04', '05', '06'].map((m) => `${year}-${m}`)
  return { actors, customers, months }
}
