import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { InvalidInput } from '#kernel/errors'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { DeliveryService } from '#modules/reports/services/delivery_service'
import { insertStatementDeliveries, type RunRow } from '#modules/reports/services/run_service'

export interface SendNowInput {
  customerIds: number[]
  from: string
  to: string
  /** one language for all; otherwise each customer's statement language (zh-CN by default) */
  locale?: 'zh-CN' | 'en'
}

export interface StatementContact {
  name: string
  email: string
  role: 'finance' | 'other'
}

/**
 * Statements sent now, outside any schedule: a manual run with one delivery per selected customer
 * (committed first, so a process dying mid-send leaves pending rows the worker finishes), then
 * delivered right away. The same delivery path as scheduled runs: stored PDF, exactly once,
 * confirmation link, several recipients and the sales owner in CC.
 */
@inject()
export class SendNowService {
  constructor(private deliveries: DeliveryService) {}

  async createRun(uow: UnitOfWork, input: SendNowInput): Promise<RunRow> {
    const known = await uow.trx.rawQuery('SELECT id FROM customers WHERE id = ANY(?)', [
      input.customerIds,
    ])
    const found = new Set(known.rows.map((row: { id: number }) => Number(row.id)))
    const missing = input.customerIds.findIndex((id) => !found.has(id))
    if (missing >= 0)
      throw new InvalidInput(`customerIds.${missing}`, 'exists', 'customer not found')
    const inserted = await uow.trx.rawQuery(
      `INSERT INTO report_runs (kind, locale, period_from, period_to, triggered_by)
       VALUES ('statements', ?, ?, ?, 'manual') RETURNING *`,
      [input.locale ?? 'zh-CN', input.from, input.to]
    )
    const run: RunRow = inserted.rows[0]
    await insertStatementDeliveries(uow.trx, run, input.customerIds, input.locale !== undefined)
    uow.audit({
      entityType: 'report_run',
      entityId: run.id,
      action: 'send_now',
      after: { kind: 'statements', from: input.from, to: input.to, customerIds: input.customerIds },
    })
    return run
  }

  /**
   * Delivers what is still pending of a committed send-now run and returns its deliveries. A
   * delivery already sent is not sent again: a retried request reports the run as it stands.
   */
  async deliver(runId: number) {
    await this.deliveries.drainRun(runId)
    return this.deliveries.list({ runId, limit: 1000 })
  }

  async contacts(customerId: number) {
    const result = await db.rawQuery(
      'SELECT name, email, role FROM customer_contacts WHERE customer_id = ? ORDER BY id',
      [customerId]
    )
    const customer = await db.rawQuery('SELECT statement_locale FROM customers WHERE id = ?', [
      customerId,
    ])
    return {
      contacts: result.rows as StatementContact[],
      statementLocale: (customer.rows[0]?.statement_locale ?? null) as 'zh-CN' | 'en' | null,
    }
  }

  /** Replaces the customer's contacts and statement language (audited with before and after). */
  async replaceContacts(
    uow: UnitOfWork,
    customerId: number,
    input: { contacts: StatementContact[]; statementLocale?: 'zh-CN' | 'en' | null }
  ) {
    const { contacts: before } = await this.contacts(customerId)
    const locked = await uow.trx.rawQuery(
      'SELECT statement_locale FROM customers WHERE id = ? FOR UPDATE',
      [customerId]
    )
    await uow.trx.rawQuery('DELETE FROM customer_contacts WHERE customer_id = ?', [customerId])
    for (const contact of input.contacts) {
      await uow.trx.rawQuery(
        'INSERT INTO customer_contacts (customer_id, name, email, role) VALUES (?, ?, ?, ?)',
        [customerId, contact.name, contact.email, contact.role]
      )
    }
    const locale =
      input.statementLocale === undefined ? locked.rows[0].statement_locale : input.statementLocale
    await uow.trx.rawQuery('UPDATE customers SET statement_locale = ? WHERE id = ?', [
      locale,
      customerId,
    ] as any[])
    const after = { contacts: input.contacts, statementLocale: locale }
    uow.audit({
      entityType: 'customer',
      entityId: customerId,
      action: 'statement_contacts',
      before: { contacts: before, statementLocale: locked.rows[0].statement_locale },
      after,
    })
    return after
  }
}
