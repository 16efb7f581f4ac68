import env from '#start/env'
import { ApiError } from '#kernel/errors'
import type { AccountCode } from '#modules/prepayments/public'
import { LedgerWriter } from '#modules/prepayments/public'
import { columnOf, rowScope } from '#modules/imports/kinds/customer_rows'
import {
  chunked,
  noteBaseAmount,
  type ImportContext,
  type ImportKind,
} from '#modules/imports/services/import_context'
import { CodeLookups } from '#modules/imports/services/lookups'
import { checkAmount, checkCurrency, FirstSeen } from '#modules/imports/services/row_checks'
import type { Money } from '#kernel/money/money'
import type { TabularRow } from '#kernel/tabular/index'

/** The counter account of opening balances: company setting OPENING_BALANCE_ACCOUNT, default 4190. */
export function openingAccount(): string {
  return env.get('OPENING_BALANCE_ACCOUNT') ?? '4190'
}

interface Opening {
  row: number
  customerId: number
  projectId: number | null
  currency: string
  amount: Money
  memo: string | null
}

/**
 * Opening balances (期初余额): one `opening` journal per customer × currency × project, dated at
 * the go-live date, Customer Advances against the opening-balance account, posted by ledger_post
 * (the API's posting path). Once per scope unless reversed: the scope's balance row is locked
 * first (ordered), then live openings of the scope are looked for, all in the posting transaction.
 */
export class OpeningImport implements ImportKind {
  async run(ctx: ImportContext, rows: AsyncIterable<TabularRow>) {
    const goLive = ctx.options.goLiveDate ?? env.get('GO_LIVE_DATE') ?? null
    if (!goLive || !/^\d{4}-\d{2}-\d{2}$/.test(goLive)) {
      ctx.errors.add(0, null, 'invalid', { detail: 'goLiveDate', value: goLive ?? '' })
      return
    }
    const lookups = new CodeLookups(ctx.uow.trx)
    const scopes = new FirstSeen()
    const openings: Opening[] = []
    for await (const chunk of chunked(rows, 2000)) {
      await lookups.loadFor(chunk)
      for (const { rowNumber: row, values: v } of chunk) {
        ctx.stats.total++
        const before = ctx.errors.count
        const { customer, project } = rowScope(ctx, lookups, row, v)
        const currency = checkCurrency(ctx.errors, row, 'currency', v.currency)
        const amount = currency
          ? checkAmount(ctx.errors, row, 'amount', v.amount, currency, { allowNegative: true })
          : null
        if (customer && currency) {
          const scope = `${customer.id}:${currency}:${v.projectCode}`
          scopes.check(
            ctx.errors,
            row,
            'customerCode',
            scope,
            `${v.customerCode} ${currency} ${v.projectCode}`
          )
        }
        if (ctx.errors.count > before || !customer || !currency || !amount) continue
        ctx.stats.valid++
        const memo = v.memo ? v.memo.slice(0, 500) : null
        openings.push({
          row,
          customerId: customer.id,
          projectId: project?.id || null,
          currency,
          amount,
          memo,
        })
      }
    }
    if (ctx.errors.any) return
    await this.refuseExisting(ctx, openings)
    if (ctx.errors.any) return
    await this.post(ctx, openings, goLive)
  }

  /** Locks each scope's balance row (in key order), then refuses scopes with a live opening. */
  private async refuseExisting(ctx: ImportContext, openings: Opening[]) {
    const trx = ctx.uow.trx
    const ids = openings.map((o) => o.customerId)
    const currencies = openings.map((o) => o.currency)
    await trx.rawQuery(
      `INSERT INTO customer_balances (customer_id, currency)
       SELECT DISTINCT * FROM unnest(?::bigint[], ?::text[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING`,
      [ids, currencies]
    )
    await trx.rawQuery(
      `SELECT 1 FROM customer_balances WHERE (customer_id, currency) IN
         (SELECT * FROM unnest(?::bigint[], ?::char(3)[])) ORDER BY customer_id, currency FOR UPDATE`,
      [ids, currencies]
    )
    const live = await trx.rawQuery(
      `SELECT w.row_no, j.journal_no FROM unnest(?::int[], ?::bigint[], ?::text[], ?::bigint[])
              AS w(row_no, customer_id, currency, project_id)
         JOIN journals j ON j.kind = 'opening' AND j.customer_id = w.customer_id
                        AND j.currency = w.currency AND j.project_id IS NOT DISTINCT FROM w.project_id
        WHERE NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = j.id)`,
      [openings.map((o) => o.row), ids, currencies, openings.map((o) => o.projectId)] as any
    )
    for (const r of live.rows) {
      ctx.errors.add(r.row_no, 'customerCode', 'opening_exists', { journalNo: r.journal_no })
    }
  }

  private async post(ctx: ImportContext, openings: Opening[], goLive: string) {
    const writer = new LedgerWriter()
    for (const o of openings) {
      try {
        const view = await writer.post(ctx.uow, {
          kind: 'opening',
          customerId: o.customerId,
          projectId: o.projectId,
          currency: o.currency,
          balanceEffect: o.amount,
          counterAccount: openingAccount() as AccountCode,
          entryDate: goLive,
          memo: o.memo,
          reason: `import #${ctx.jobId}`,
        })
        noteBaseAmount(ctx, view.baseAmount)
        ctx.stats.posted++
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        const detail = error.details[0]
        const field = detail.field ? columnOf(detail.field) : null
        ctx.errors.add(o.row, field, detail.rule, {
          value: detail.message,
          period: goLive.slice(0, 7),
          date: goLive,
        })
        return
      }
    }
  }
}
