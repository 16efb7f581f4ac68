import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { User } from '#modules/identity/public'
import { UserService } from '#modules/identity/public'
import { CustomerService } from '#modules/customers/public'
import { ExchangeRateService } from '#modules/prepayments/public'
import { PostingService } from '#modules/prepayments/public'
import { companyToday } from '#kernel/company'
import { CHANNELS } from '#modules/prepayments/public'
import { Money } from '#kernel/money/money'
import { systemActor, type Actor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'
import type { StoredResponse } from '#kernel/idempotency'
import { Submissions } from '#workflows/ledger_submissions'
import { ApprovalService } from '#modules/approvals/public'
import type { ApprovalView } from '#modules/approvals/public'
import { InstallmentService } from '#modules/installments/public'
import { AlertEvaluator } from '#modules/alerts/public'
import { DocumentService } from '#modules/prepayments/public'
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  demoCustomers,
  type DemoCustomer,
} from '#modules/demo/demo_company'
import { seedLetterhead } from '#modules/demo/demo_letterhead'
import { DemoWorkedMonth, type DemoSteps } from '#modules/demo/demo_worked_month'
import { asDate, prng } from '#modules/demo/demo_values'

/**
 * Seeds the demo company through the same services the API uses, so balances, journals and audit
 * rows are exactly what real use would produce.
 */
@inject()
export class DemoSeeder implements DemoSteps {
  private random = prng(20261101)
  private journals = 0

  /** who decides each approval level in the demo, by role */
  private approvers = new Map<string, Actor>()

  constructor(
    private users: UserService,
    private customers: CustomerService,
    private rates: ExchangeRateService,
    private postings: PostingService,
    private submissions: Submissions,
    private approvals: ApprovalService,
    private installments: InstallmentService,
    private alerts: AlertEvaluator,
    private documents: DocumentService,
    private workedMonth: DemoWorkedMonth
  ) {}

  async seedOnce(): Promise<'skipped' | { customers: number; journals: number }> {
    const existing = await db.from('users').count('* as total').first()
    if (Number(existing.total) > 0) return 'skipped'

    const people = new Map<string, User>()
    for (const u of DEMO_USERS) {
      people.set(
        u.email,
        await this.users.create(systemActor('seed'), { ...u, password: DEMO_PASSWORD })
      )
    }
    const admin = people.get('admin@demo.local')!
    const finance = this.actorOf(people.get('finance@demo.local')!)
    const manager = this.actorOf(people.get('manager@demo.local')!)
    this.approvers.set('finance_manager', manager)
    this.approvers.set('admin', this.actorOf(admin))
    await this.seedRates(manager)

    const list = demoCustomers()
    for (const [index, spec] of list.entries()) {
      const owner = people.get(`sales${spec.salesIndex}@demo.local`)!
      const { customerId, projectIds } = await this.createCustomer(
        this.actorOf(admin),
        spec,
        owner,
        index
      )
      if (index === 0) await this.seedInstallmentPlan(customerId, projectIds[0], finance)
      if (index === 0)
        await this.workedMonth.replay(this, customerId, projectIds[0], this.actorOf(owner), finance)
      else await this.seedMovements(customerId, projectIds, spec, this.actorOf(owner), finance)
    }
    await seedLetterhead()
    await this.leaveRequestOpen(finance)
    await this.raiseAlerts()
    return { customers: list.length, journals: this.journals }
  }

  private actorOf(user: User): Actor {
    return systemActor('seed', user)
  }

  private async seedRates(actor: Actor) {
    const rates = ['7.1012', '7.1295', '7.1530', '7.1786', '7.1420', '7.1188', '7.0954']
    const first = DateTime.fromISO(companyToday()).startOf('month').minus({ months: 6 })
    await runInTransaction(actor, async (uow) => {
      for (const [n, rate] of rates.entries()) {
        await this.rates.record(uow, 'USD', first.plus({ months: n }).toISODate()!, rate)
      }
      await this.rates.record(uow, 'EUR', first.toISODate()!, '7.7310')
    })
  }

  private async createCustomer(actor: Actor, spec: DemoCustomer, owner: User, index: number) {
    return runInTransaction(actor, async (uow) => {
      const customer = await this.customers.create(uow, {
        code: spec.code,
        name: spec.name,
        contactEmail: `finance@${spec.code.toLowerCase()}.example.com`,
        defaultCurrency: spec.currency,
        creditLimit: spec.creditLimit,
        lowBalanceThreshold: spec.lowBalanceThreshold,
        salesOwnerId: owner.id,
        department: owner.department,
      })
      const projectIds: number[] = []
      const projects =
        index === 0
          ? [['HT-2026-017', '数控机床采购合同', '1200000']]
          : [
              [`${spec.code}-P1`, '年度供货合同', null],
              [`${spec.code}-P2`, '设备改造项目', null],
            ]
      for (const [code, name, amount] of projects.slice(0, index % 3 === 0 ? 1 : 2)) {
        const project = await this.customers.addProject(uow, customer, {
          code: code!,
          name: name!,
          contractAmount: amount ?? String(200000 + Math.round(this.random() * 40) * 10000),
        })
        projectIds.push(project.id)
      }
      return { customerId: customer.id, projectIds }
    })
  }

  /** HT-2026-017: three ¥400,000 advances due 1 Nov, 1 Dec and 1 Jan (docs/domain.md). */
  private async seedInstallmentPlan(customerId: number, projectId: number, actor: Actor) {
    const year = Number(companyToday().slice(0, 4))
    await runInTransaction(actor, (uow) =>
      this.installments.replacePlan(
        uow,
        { id: projectId, customerId, currency: 'CNY' },
        {
          installments: [`${year}-11-01`, `${year}-12-01`, `${year + 1}-01-01`].map((d, n) => ({
            dueDate: asDate(d),
            amount: '400000.00',
            label: `第 ${n + 1} 期预付款`,
          })),
        }
      )
    )
  }

  /** The alerts the demo books raise: the worked month's reminder of 29 Oct, then as of today. */
  private async raiseAlerts() {
    const reminderDay = `${companyToday().slice(0, 4)}-10-29`
    const first = await db.from('customers').where('code', 'C0001').first()
    if (reminderDay <= companyToday())
      await this.alerts.evaluateAll({ asOf: reminderDay, customerId: Number(first.id) })
    await this.alerts.evaluateAll({ asOf: companyToday() })
  }

  private async seedMovements(
    customerId: number,
    projectIds: number[],
    spec: DemoCustomer,
    sales: Actor,
    finance: Actor
  ) {
    const scale = spec.currency === 'USD' ? 1000 : 10000
    const start = DateTime.fromISO(companyToday()).startOf('month').minus({ months: 4 })
    let held = new Money(0)
    for (let month = 0; month <= 4; month++) {
      const monthStart = start.plus({ months: month })
      for (const day of [3, 12, 21]) {
        const date = monthStart.set({ day }).toISODate()!
        if (date > companyToday()) break
        const projectId = projectIds[Math.floor(this.random() * projectIds.length)]
        const roll = this.random()
        if (roll < 0.45 || held.lessThan(scale)) {
          const amount = new Money(Math.round(5 + this.random() * 45) * scale)
          const channel =
            spec.currency === 'USD' ? 'bank_transfer' : CHANNELS[Math.floor(this.random() * 4)]
          await this.post(sales, (uow) =>
            this.postings.receipt(uow, {
              customerId,
              projectId,
              amount: amount.toFixed(2),
              currency: spec.currency,
              channel,
              bankReference: `${spec.code}-${date}-${day}`,
              entryDate: asDate(date),
            })
          )
          held = held.plus(amount)
        } else if (roll < 0.9) {
          const amount = this.hundreds(held.times(0.2 + this.random() * 0.5))
          if (amount.isZero()) continue
          const documentType = (['invoice', 'order', 'delivery'] as const)[
            Math.floor(this.random() * 3)
          ]
          // every third document is paid in part, so open documents await 核销建议
          const documentAmount = this.random() < 0.33 ? this.hundreds(amount.times(1.5)) : amount
          await this.post(finance, async (uow) => {
            const document = await this.documents.create(uow, {
              customerId,
              kind: documentType,
              number: `FP-${spec.code}-${date.replaceAll('-', '')}`,
              amount: documentAmount.toFixed(2),
              currency: spec.currency,
              documentDate: asDate(date),
            })
            return this.postings.application(uow, {
              customerId,
              documentId: document.id,
              amount: amount.toFixed(2),
              currency: spec.currency,
              entryDate: asDate(date),
            })
          })
          held = held.minus(amount)
        } else {
          const amount = this.hundreds(held.times(0.1))
          if (amount.isZero()) continue
          await this.approved(finance, (uow) =>
            this.submissions.refund(uow, {
              customerId,
              amount: amount.toFixed(2),
              currency: spec.currency,
              reason: '客户申请退款',
              entryDate: asDate(date),
            })
          )
          held = held.minus(amount)
        }
      }
    }
    await this.leaveDocumentsOpen(customerId, projectIds, spec, finance, held)
  }

  /** Two documents not yet applied (one of a project), for 核销建议 to suggest. */
  private async leaveDocumentsOpen(
    customerId: number,
    projectIds: number[],
    spec: DemoCustomer,
    finance: Actor,
    held: Money
  ) {
    const amount = this.hundreds(held.times(0.3))
    if (amount.isZero()) return
    const today = companyToday()
    await this.post(finance, async (uow) => {
      for (const [n, projectId] of [undefined, projectIds[0]].entries()) {
        await this.documents.create(uow, {
          customerId,
          projectId,
          kind: 'invoice',
          number: `FP-${spec.code}-OPEN-${n + 1}`,
          amount: amount.toFixed(2),
          currency: spec.currency,
          documentDate: asDate(today),
        })
      }
    })
  }

  /** One refund left awaiting the finance manager, so the approval inbox is not empty. */
  private async leaveRequestOpen(finance: Actor) {
    const customer = await db.from('customers').where('code', 'C0002').first()
    await this.post(finance, (uow) =>
      this.submissions.refund(uow, {
        customerId: customer.id,
        amount: '20000.00',
        currency: 'CNY',
        reason: '客户申请退回多付款',
      })
    )
  }

  /** Submits through the approval gate and has each level approved by the demo approver of its role. */
  async approved(requester: Actor, submit: (uow: UnitOfWork) => Promise<StoredResponse>) {
    const response = await this.post(requester, submit)
    if (response.status !== 202) return response.body
    let approval = response.body as ApprovalView
    while (approval.status === 'pending') {
      const approver = this.approvers.get(approval.levels[approval.currentLevel - 1].role ?? '')!
      const decided = await runInTransaction(approver, (uow) =>
        this.approvals.approve(uow, approval.id, '同意')
      )
      approval = decided.approval
    }
    return approval
  }

  private hundreds(amount: Money) {
    return amount.dividedBy(100).floor().times(100)
  }

  async post<T>(actor: Actor, work: Parameters<typeof runInTransaction<T>>[1]): Promise<T> {
    this.journals++
    return runInTransaction(actor, work)
  }
}
