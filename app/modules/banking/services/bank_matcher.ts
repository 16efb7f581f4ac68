import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import { Decimal } from 'decimal.js'
import { BankLineActions } from '#modules/banking/services/bank_line_actions'
import { bankingSettings, type BankingSettings } from '#modules/banking/services/banking_settings'
import {
  findCandidates,
  type CandidateLine,
  type Candidates,
} from '#modules/banking/services/match_candidates'
import { actingUser, writeLinks, type Link } from '#modules/banking/services/match_writer'
import type { Signal } from '#modules/banking/services/match_signals'
import type { Actor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'

/** Lines matched per transaction: short enough to hold few locks, long enough for set-based SQL. */
const BATCH = 1000

export interface MatchSummary {
  linked: number
  autoPosted: number
  suggested: number
  unmatched: number
  /** suggestions above the bar whose posting the ledger refused (left for finance, logged) */
  autoPostRefused: number
}

interface Suggestion {
  lineId: number
  signal: Signal
  journalId: number | null
}

/** What happens to each line of a batch (pure: the rules of matching in one place). */
export function decide(lines: CandidateLine[], found: Candidates, autoPostAt: Decimal) {
  const links: Link[] = []
  const suggestions: Suggestion[] = []
  const autoPost: Suggestion[] = []
  for (const line of lines) {
    const byReference = found.byReference.get(line.id)
    const amount = line.amount
    if (byReference) {
      links.push({
        lineId: line.id,
        journalId: byReference.journalId,
        customerId: byReference.customerId,
        amount,
        method: 'reference',
        reason: 'reference',
        confidence: '1.000',
      })
      continue
    }
    const signal = found.customer.get(line.id)
    if (!signal) continue
    const registered = found.byAmountDate.get(line.id)
    const sure = signal.confidence.gte(autoPostAt)
    const confidence = signal.confidence.toFixed(3)
    if (registered && sure) {
      links.push({
        lineId: line.id,
        journalId: registered.journalId,
        customerId: signal.customerId,
        amount,
        method: 'amount_date',
        reason: signal.reason,
        confidence,
      })
    } else if (registered) {
      suggestions.push({ lineId: line.id, signal, journalId: registered.journalId })
    } else if (line.direction === 'credit') {
      const suggestion = { lineId: line.id, signal, journalId: null }
      suggestions.push(suggestion)
      if (sure) autoPost.push(suggestion)
    }
  }
  return { links, suggestions, autoPost }
}

/**
 * Matches bank lines to the ledger: links the journals a line proves (receipts become confirmed
 * against the bank), records suggestions with reason and confidence, and posts suggested receipts
 * whose confidence reaches banking_settings.auto_post_confidence (each through the ledger's posting
 * path, in its own transaction under the line's lock, exactly as a clerk's confirmation).
 */
@inject()
export class BankMatcher {
  constructor(private actions: BankLineActions) {}

  async matchLines(actor: Actor, lineIds: number[]): Promise<MatchSummary> {
    const settings = await bankingSettings()
    const summary: MatchSummary = {
      linked: 0,
      autoPosted: 0,
      suggested: 0,
      unmatched: 0,
      autoPostRefused: 0,
    }
    for (let start = 0; start < lineIds.length; start += BATCH) {
      const batch = lineIds.slice(start, start + BATCH)
      // a second pass when the first learned payer accounts (a refund to the payer of a receipt)
      let pass = await this.pass(actor, batch, settings)
      summary.linked += pass.linked
      if (pass.learned > 0) {
        pass = await this.pass(actor, batch, settings)
        summary.linked += pass.linked
      }
      summary.suggested += pass.suggested
      summary.unmatched += pass.unmatched
      for (const suggestion of pass.autoPost) await this.autoPost(actor, suggestion, summary)
    }
    return summary
  }

  /** One matching pass over a batch, in one transaction holding the batch's open lines. */
  private pass(actor: Actor, batch: number[], settings: BankingSettings) {
    return runInTransaction(actor, async (uow) => {
      const lines = await lockOpenLines(uow, batch)
      const found = await findCandidates(uow.trx, lines, settings.matchWindowDays)
      const decided = decide(lines, found, settings.autoPostConfidence)
      const linked = await writeLinks(uow, decided.links)
      const linkedIds = new Set(linked.map((link) => link.lineId))
      const open = decided.suggestions.filter((s) => !linkedIds.has(s.lineId))
      await writeSuggestions(
        uow,
        lines.filter((line) => !linkedIds.has(line.id)).map((l) => l.id),
        open
      )
      return {
        linked: linked.length,
        suggested: open.length,
        unmatched: lines.length - linkedIds.size - open.length,
        autoPost: decided.autoPost.filter((s) => !linkedIds.has(s.lineId)),
        learned: await learnFromReferences(uow, [...linkedIds]),
      }
    })
  }

  private async autoPost(actor: Actor, suggestion: Suggestion, summary: MatchSummary) {
    try {
      await runInTransaction(actor, async (uow) => {
        const line = await this.actions.lock(uow, suggestion.lineId)
        const { customerId, projectId, reason, confidence } = suggestion.signal
        await this.actions.postFor(
          uow,
          line,
          [{ customerId, projectId }],
          'auto_posted',
          reason,
          confidence.toFixed(3)
        )
      })
      summary.autoPosted += 1
      summary.suggested -= 1
    } catch (error) {
      // the line stays suggested for finance (a closed period, an inactive customer…)
      summary.autoPostRefused += 1
      logger.warn({ err: error, lineId: suggestion.lineId }, 'bank line auto-post refused')
    }
  }
}

async function lockOpenLines(uow: UnitOfWork, ids: number[]): Promise<CandidateLine[]> {
  const result = await uow.trx.rawQuery(
    `SELECT id, direction, amount, counterparty_account, counterparty_name, memo FROM bank_lines
      WHERE id = ANY(?) AND status IN ('unmatched', 'suggested') ORDER BY id FOR UPDATE`,
    [ids]
  )
  return result.rows.map((row: any) => ({
    ...row,
    id: Number(row.id),
    amount: new Decimal(row.amount).toFixed(),
  }))
}

/** A line's suggestions are replaced on each run; a line with any is 'suggested'. */
async function writeSuggestions(uow: UnitOfWork, lineIds: number[], suggestions: Suggestion[]) {
  if (lineIds.length === 0) return
  await uow.trx.rawQuery('DELETE FROM bank_match_suggestions WHERE bank_line_id = ANY(?)', [
    lineIds,
  ])
  if (suggestions.length === 0) return
  const rows = suggestions.map((s) => ({
    line_id: s.lineId,
    customer_id: s.signal.customerId,
    project_id: s.signal.projectId,
    journal_id: s.journalId,
    reason: s.signal.reason,
    confidence: s.signal.confidence.toFixed(3),
  }))
  await uow.trx.rawQuery(
    `WITH x AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(line_id bigint, customer_id bigint,
                project_id bigint, journal_id bigint, reason text, confidence numeric)),
     added AS (
       INSERT INTO bank_match_suggestions (bank_line_id, customer_id, project_id, journal_id, reason, confidence)
       SELECT line_id, customer_id, project_id, journal_id, reason, confidence FROM x RETURNING bank_line_id)
     UPDATE bank_lines SET status = 'suggested' WHERE id IN (SELECT line_id FROM x) AND status = 'unmatched'`,
    [JSON.stringify(rows)]
  )
}

/**
 * A line that carries the bank reference and amount of a registered receipt tells whose account
 * paid it: the matcher remembers the payer account (what finance taught before always wins).
 */
async function learnFromReferences(uow: UnitOfWork, lineIds: number[]): Promise<number> {
  if (lineIds.length === 0) return 0
  const learned = await uow.trx.rawQuery(
    `INSERT INTO payer_accounts (account_no, customer_id, learned_from_line_id, learned_by)
     SELECT DISTINCT ON (l.counterparty_account) l.counterparty_account, m.customer_id, l.id, ?
       FROM bank_lines l JOIN bank_line_matches m ON m.bank_line_id = l.id AND m.method = 'reference'
      WHERE l.id = ANY(?) AND l.counterparty_account IS NOT NULL
      ORDER BY l.counterparty_account, l.id
     ON CONFLICT (account_no) DO NOTHING
     RETURNING account_no`,
    [actingUser(uow), lineIds]
  )
  return learned.rows.length
}
