import db from '@adonisjs/lucid/services/db'
import { companyToday } from '#kernel/company'
import { formatAmount, Money } from '#kernel/money/money'
import { t } from '#kernel/i18n'
import { localeOf, renderMessage, SEVERITY_LABELS } from '#modules/alerts/public'
import type { Customer } from '#modules/customers/public'
import { InstallmentLedger, installmentView } from '#modules/installments/public'
import { LedgerQueries } from '#modules/prepayments/public'
import { plainDateOf } from '#modules/prepayments/public'

/** The movements table's filters: one currency's account, a date range, one kind, a page. */
export interface MovementFilters {
  currency?: string
  from?: string
  to?: string
  kind?: string
  page: number
  perPage: number
}

const instant = (value: Date | string | null) => (value ? new Date(value).toISOString() : null)

/** An amount in its currency's decimals; null when the row has no amount or no currency. */
const amountOrNull = (amount: string | null, currency: string | null) =>
  amount !== null && currency ? formatAmount(amount, currency) : null

/**
 * Customer 360 (客户全景): everything staff look at for one customer, read through the same
 * queries as the API (balances: LedgerQueries.balances, as GET /customers/:id/balances; movements:
 * LedgerQueries.ledger, as GET /customers/:id/ledger; installments: InstallmentLedger), so the page
 * and the API can never disagree. The caller has checked the user may read this customer.
 */
export class Customer360Data {
  private ledger = new LedgerQueries()

  async build(customer: Customer, filters: MovementFilters, locale: string) {
    const [balances, movements, projects, approvals, alerts, statements] = await Promise.all([
      this.balances(customer),
      this.movements(customer, filters),
      this.projects(customer.id),
      this.approvals(customer.id, locale),
      this.alerts(customer.id, locale),
      this.statements(customer.id),
    ])
    const owner = customer.salesOwnerId
      ? await db
          .from('users')
          .select('full_name', 'email')
          .where('id', customer.salesOwnerId)
          .first()
      : null
    return {
      customer: {
        id: customer.id,
        code: customer.code,
        name: customer.name,
        defaultCurrency: customer.defaultCurrency,
        creditLimit: formatAmount(customer.creditLimit ?? '0', customer.defaultCurrency),
        status: customer.status,
        department: customer.department,
        salesOwner: owner ? (owner.full_name ?? owner.email) : null,
      },
      balances,
      movements,
      projects,
      approvals,
      alerts,
      statements,
    }
  }

  /** The balances API's rows, plus headroom (可用额度) = available + the usable credit limit. */
  async balances(customer: Customer) {
    const rows = await this.ledger.balances(customer.id)
    return rows.map((row: { currency: string; available: string; creditLimit: string }) => ({
      ...row,
      headroom: formatAmount(new Money(row.available).plus(row.creditLimit), row.currency),
    }))
  }

  /** One currency's ledger lines, newest first, each with its running balance; filtered, paged. */
  async movements(customer: Customer, filters: MovementFilters) {
    const currency = filters.currency ?? customer.defaultCurrency
    const ledger = await this.ledger.ledger({
      customerId: customer.id,
      currency,
      from: filters.from,
      to: filters.to,
    })
    const lines = ledger.lines
      .filter((line: { kind: string }) => !filters.kind || line.kind === filters.kind)
      .reverse()
    const start = (filters.page - 1) * filters.perPage
    return {
      currency,
      from: filters.from ?? null,
      to: filters.to ?? null,
      kind: filters.kind ?? null,
      openingBalance: ledger.openingBalance,
      closingBalance: ledger.closingBalance,
      page: filters.page,
      perPage: filters.perPage,
      total: lines.length,
      lines: lines.slice(start, start + filters.perPage).map((line: any) => ({
        ...line,
        entryDate: plainDateOf(line.entryDate),
      })),
    }
  }

  /** Projects with their installments and each one's state as of today. */
  async projects(customerId: number) {
    const projects = await db
      .from('projects')
      .select('id', 'code', 'name', 'currency', 'contract_amount', 'status')
      .where('customer_id', customerId)
      .orderBy('code')
    const today = companyToday()
    const statuses = await new InstallmentLedger().statuses(
      db.connection(),
      { customerIds: [customerId] },
      today
    )
    return projects.map((p) => ({
      id: Number(p.id),
      code: p.code,
      name: p.name,
      status: p.status,
      currency: p.currency,
      contractAmount: amountOrNull(p.contract_amount, p.currency),
      installments: statuses
        .filter((s) => s.projectId === Number(p.id))
        .map((s) => installmentView(s, today)),
    }))
  }

  /** Requests awaiting a decision (their amounts are held: pending). */
  async approvals(customerId: number, locale: string) {
    const rows = await db
      .from('approval_requests as r')
      .leftJoin('users as u', 'u.id', 'r.requested_by')
      .select('r.id', 'r.action_type', 'r.currency', 'r.amount', 'r.current_level')
      .select('r.created_at', 'r.expires_at', 'u.full_name as requested_by')
      .where('r.customer_id', customerId)
      .where('r.status', 'pending')
      .orderBy('r.id', 'desc')
    return rows.map((r) => ({
      id: Number(r.id),
      actionType: r.action_type,
      action: t(localeOf(locale), `approvals.actions.${r.action_type}`, {}, r.action_type),
      currency: r.currency,
      amount: amountOrNull(r.amount, r.currency),
      level: Number(r.current_level),
      requestedBy: r.requested_by,
      createdAt: instant(r.created_at),
      expiresAt: instant(r.expires_at),
    }))
  }

  /** Unresolved alerts, with their message in the reader's language. */
  async alerts(customerId: number, locale: string) {
    const rows = await db
      .from('alerts')
      .select('id', 'rule_type', 'severity', 'status', 'message_key', 'params', 'as_of')
      .where('customer_id', customerId)
      .whereNot('status', 'resolved')
      .orderBy('id', 'desc')
      .limit(50)
    return rows.map((a) => ({
      id: Number(a.id),
      ruleType: a.rule_type,
      severity: a.severity,
      severityLabel: SEVERITY_LABELS[a.severity]?.[localeOf(locale)] ?? a.severity,
      status: a.status,
      message: renderMessage(a.message_key, a.params ?? {}, localeOf(locale)),
      asOf: plainDateOf(a.as_of),
    }))
  }

  /** Statements sent to the customer and where their confirmation (对账确认) stands. */
  async statements(customerId: number) {
    const rows = await db
      .from('statement_confirmations')
      .select('delivery_id', 'period_from', 'period_to', 'status', 'sent_at', 'answered_at')
      .where('customer_id', customerId)
      .orderBy('sent_at', 'desc')
      .limit(12)
    return rows.map((s) => ({
      deliveryId: Number(s.delivery_id),
      periodFrom: plainDateOf(s.period_from),
      periodTo: plainDateOf(s.period_to),
      status: s.status,
      sentAt: instant(s.sent_at),
      answeredAt: instant(s.answered_at),
      pdf: `/admin/reports/deliveries/${Number(s.delivery_id)}/pdf`,
    }))
  }
}
