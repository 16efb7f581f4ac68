import { inject } from '@adonisjs/core'
import { readClient } from '#kernel/read_replica'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { NotFound } from '#kernel/errors'
import { company } from '#kernel/company'
import { loadCompanyProfile, type CompanyProfile } from '#kernel/company_profile'
import { formatAmount } from '#kernel/money/money'
import type { Actor } from '#kernel/actor'
import { LedgerQueries } from '#modules/prepayments/public'
import {
  currencySection,
  type ReversedJournals,
} from '#modules/reports/services/statement_sections'
import { issueStatementNumber } from '#modules/reports/services/statement_numbers'

export type ReportLocale = 'zh-CN' | 'en'

export interface StatementRow {
  date: string
  journalNo: string
  kind: string
  /** 摘要: what moved, in the statement's language (a reversal names what it cancels and why) */
  description: string
  projectCode: string | null
  projectName: string | null
  channel: string | null
  documentNo: string | null
  debit: string
  credit: string
  balance: string
}

export interface ProjectSubtotal {
  projectCode: string | null
  projectName: string | null
  debit: string
  credit: string
  net: string
}

export interface CurrencySection {
  currency: string
  openingBalance: string
  totalDebit: string
  totalCredit: string
  closingBalance: string
  /** a foreign currency's balances in the base currency at booked rates; null for the base one */
  base: { currency: string; opening: string; closing: string } | null
  rows: StatementRow[]
  projectSubtotals: ProjectSubtotal[]
  /** balance at the start and after each day with movements; empty without movements */
  chart: { labels: string[]; values: string[] }
}

export type StatementCompany = CompanyProfile & { timezone: string; baseCurrency: string }

/** Everything a customer statement (对账单) shows: one plain object for the PDF, JSON and CSV. */
export interface StatementViewModel {
  kind: 'statement'
  locale: ReportLocale
  /** 对账单编号, sequential per year of issue (statement_numbers) */
  statementNo: string
  company: StatementCompany
  customer: {
    id: number
    code: string
    name: string
    address: string | null
    contactEmail: string | null
  }
  period: { from: string; to: string }
  generatedOn: string
  /** the newest journal id of this customer the statement reflects (customer_balances.last_journal_id) */
  ledgerPosition: number
  sections: CurrencySection[]
}

interface CustomerRow {
  id: number
  code: string
  name: string
  name_en: string | null
  address: string | null
  contact_email: string | null
  default_currency: string
}

/** Assembles statements from the ledger: opening balance, every movement, subtotals, closing. */
@inject()
export class StatementBuilder {
  constructor(private ledger: LedgerQueries) {}

  async findCustomerByCode(code: string): Promise<CustomerRow> {
    const result = await db.rawQuery('SELECT * FROM customers WHERE code = ?', [code])
    if (!result.rows[0]) throw new NotFound('customer')
    return result.rows[0]
  }

  /**
   * One snapshot (REPEATABLE READ) for every read, so the statement shows exactly the ledger as of
   * `ledgerPosition`, also while postings arrive; then its number (the same statement keeps its
   * number, issued by `actor`).
   */
  async build(
    customerId: number,
    period: { from: string; to: string },
    locale: ReportLocale = 'zh-CN',
    actor?: Actor
  ): Promise<StatementViewModel> {
    // reads only: the replica when one is configured and caught up (read_replica.ts)
    const reader = await readClient()
    const vm = await reader.transaction((trx) => this.buildIn(trx, customerId, period, locale), {
      isolationLevel: 'repeatable read',
    })
    vm.statementNo = await issueStatementNumber(
      { customerId, period, ledgerPosition: vm.ledgerPosition },
      actor
    )
    return vm
  }

  private async buildIn(
    trx: TransactionClientContract,
    customerId: number,
    period: { from: string; to: string },
    locale: ReportLocale
  ): Promise<StatementViewModel> {
    const customerResult = await trx.rawQuery('SELECT * FROM customers WHERE id = ?', [customerId])
    const customer: CustomerRow | undefined = customerResult.rows[0]
    if (!customer) throw new NotFound('customer')

    const meta = await trx.rawQuery(
      `SELECT (SELECT array_agg(DISTINCT currency ORDER BY currency) FROM journal_lines
                WHERE customer_id = :id AND entry_date <= :to) AS currencies,
              (SELECT coalesce(max(last_journal_id), 0) FROM customer_balances WHERE customer_id = :id) AS position`,
      { id: customerId, to: period.to }
    )
    const currencies: string[] = meta.rows[0].currencies ?? [customer.default_currency]
    const projects = await trx.rawQuery(
      'SELECT id, code, name FROM projects WHERE customer_id = ?',
      [customerId]
    )
    const projectById = new Map<number, { code: string; name: string }>(
      projects.rows.map((p: { id: number; code: string; name: string }) => [Number(p.id), p])
    )

    const sections = []
    for (const currency of currencies) {
      const ledger = await this.ledger.ledger(
        { customerId, currency, from: period.from, to: period.to },
        trx
      )
      const reversed = await reversedJournals(trx, ledger.lines)
      const base = await baseEquivalent(trx, customerId, currency, period)
      sections.push(
        currencySection(currency, ledger, { projectById, reversed, period, locale, base })
      )
    }
    const profile = await loadCompanyProfile(trx)
    return {
      kind: 'statement',
      locale,
      statementNo: '',
      company: { ...profile, timezone: company.timezone, baseCurrency: company.baseCurrency },
      customer: {
        id: customer.id,
        code: customer.code,
        name: (locale === 'en' && customer.name_en) || customer.name,
        address: customer.address,
        contactEmail: customer.contact_email,
      },
      period,
      generatedOn: DateTime.now().setZone(company.timezone).toISODate()!,
      ledgerPosition: Number(meta.rows[0].position),
      sections,
    }
  }
}

/** The journals the period's reversals cancel (number and kind), in one query. */
async function reversedJournals(
  trx: TransactionClientContract,
  lines: Array<{ reversesJournalId: number | string | null }>
): Promise<ReversedJournals> {
  const ids = [
    ...new Set(lines.filter((l) => l.reversesJournalId).map((l) => Number(l.reversesJournalId))),
  ]
  const found: ReversedJournals = new Map()
  if (!ids.length) return found
  const result = await trx.rawQuery(
    'SELECT id, journal_no, kind FROM journals WHERE id = ANY(?::bigint[])',
    [ids]
  )
  for (const row of result.rows) {
    found.set(Number(row.id), { journalNo: row.journal_no, kind: row.kind })
  }
  return found
}

/** A foreign currency's opening and closing in the base currency, at the rates they were booked. */
async function baseEquivalent(
  trx: TransactionClientContract,
  customerId: number,
  currency: string,
  period: { from: string; to: string }
): Promise<CurrencySection['base']> {
  const baseCurrency = company.baseCurrency
  if (currency === baseCurrency) return null
  const result = await trx.rawQuery(
    `SELECT coalesce(sum(base_credit - base_debit) FILTER (WHERE entry_date < :from), 0) AS opening,
            coalesce(sum(base_credit - base_debit), 0) AS closing
       FROM journal_lines
      WHERE customer_id = :customerId AND currency = :currency AND entry_date <= :to`,
    { customerId, currency, from: period.from, to: period.to }
  )
  return {
    currency: baseCurrency,
    opening: formatAmount(result.rows[0].opening, baseCurrency),
    closing: formatAmount(result.rows[0].closing, baseCurrency),
  }
}
