import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { NotFound } from '#kernel/errors'
import { company } from '#kernel/company'
import { Money, formatAmount } from '#kernel/money/money'
import { LedgerQueries } from '#modules/prepayments/services/ledger_queries'

export type ReportLocale = 'zh-CN' | 'en'

export interface StatementRow {
  date: string
  journalNo: string
  kind: string
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
  rows: StatementRow[]
  projectSubtotals: ProjectSubtotal[]
  /** balance at the start and at the end of each day with movements; amounts as decimal strings */
  chart: { labels: string[]; values: string[] }
}

/** Everything a customer statement (对账单) shows: one plain object for the PDF, JSON and CSV. */
export interface StatementViewModel {
  kind: 'statement'
  locale: ReportLocale
  company: { name: string; timezone: string }
  customer: { id: number; code: string; name: string; contactEmail: string | null }
  period: { from: string; to: string }
  generatedOn: string
  /** the newest journal id of this customer the statement reflects (customer_balances.last_journal_id) */
  ledgerPosition: number
  sections: CurrencySection[]
}

/** The fields of LedgerQueries.ledger's lines a statement uses. */
interface LedgerLine {
  entryDate: string
  journalNo: string
  kind: string
  projectId: number | null
  channel: string | null
  documentNo: string | null
  bankReference: string | null
  debit: string
  credit: string
  runningBalance: string
}

interface CustomerRow {
  id: number
  code: string
  name: string
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
   * `ledgerPosition`, also while postings arrive.
   */
  build(
    customerId: number,
    period: { from: string; to: string },
    locale: ReportLocale = 'zh-CN'
  ): Promise<StatementViewModel> {
    return db.transaction((trx) => this.buildIn(trx, customerId, period, locale), {
      isolationLevel: 'repeatable read',
    })
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
      projects.rows.map((p: { id: number; code: string; name: string }) => [p.id, p])
    )

    const sections: CurrencySection[] = []
    for (const currency of currencies) {
      const ledger = await this.ledger.ledger(
        { customerId, currency, from: period.from, to: period.to },
        trx
      )
      sections.push(this.section(currency, ledger, projectById, period))
    }

    return {
      kind: 'statement',
      locale,
      company: { name: company.name, timezone: company.timezone },
      customer: {
        id: customer.id,
        code: customer.code,
        name: customer.name,
        contactEmail: customer.contact_email,
      },
      period,
      generatedOn: DateTime.now().setZone(company.timezone).toISODate()!,
      ledgerPosition: Number(meta.rows[0].position),
      sections,
    }
  }

  private section(
    currency: string,
    ledger: Awaited<ReturnType<LedgerQueries['ledger']>>,
    projectById: Map<number, { code: string; name: string }>,
    period: { from: string; to: string }
  ): CurrencySection {
    const fmt = (value: Money) => formatAmount(value, currency)
    let totalDebit = new Money(0)
    let totalCredit = new Money(0)
    const subtotals = new Map<number | null, { debit: Money; credit: Money }>()
    const byDay = new Map<string, string>()
    const rows: StatementRow[] = ledger.lines.map((line: LedgerLine) => {
      const project = line.projectId ? projectById.get(line.projectId) : undefined
      totalDebit = totalDebit.plus(line.debit)
      totalCredit = totalCredit.plus(line.credit)
      const key = line.projectId ?? null
      const subtotal = subtotals.get(key) ?? { debit: new Money(0), credit: new Money(0) }
      subtotal.debit = subtotal.debit.plus(line.debit)
      subtotal.credit = subtotal.credit.plus(line.credit)
      subtotals.set(key, subtotal)
      byDay.set(line.entryDate, line.runningBalance)
      return {
        date: line.entryDate,
        journalNo: line.journalNo,
        kind: line.kind,
        projectCode: project?.code ?? null,
        projectName: project?.name ?? null,
        channel: line.channel,
        documentNo: line.documentNo ?? line.bankReference ?? null,
        debit: line.debit,
        credit: line.credit,
        balance: line.runningBalance,
      }
    })
    const projectSubtotals = [...subtotals.entries()]
      .map(([projectId, total]) => {
        const project = projectId ? projectById.get(projectId) : undefined
        return {
          projectCode: project?.code ?? null,
          projectName: project?.name ?? null,
          debit: fmt(total.debit),
          credit: fmt(total.credit),
          net: fmt(total.credit.minus(total.debit)),
        }
      })
      .sort((a, b) =>
        a.projectCode === b.projectCode
          ? 0
          : a.projectCode === null
            ? 1
            : b.projectCode === null
              ? -1
              : a.projectCode < b.projectCode
                ? -1
                : 1
      )
    const labels = [period.from, ...byDay.keys()]
    const values = [ledger.openingBalance, ...byDay.values()]
    if (labels[labels.length - 1] !== period.to) {
      labels.push(period.to)
      values.push(ledger.closingBalance)
    }
    return {
      currency,
      openingBalance: ledger.openingBalance,
      totalDebit: fmt(totalDebit),
      totalCredit: fmt(totalCredit),
      closingBalance: ledger.closingBalance,
      rows,
      projectSubtotals,
      chart: { labels, values },
    }
  }
}
