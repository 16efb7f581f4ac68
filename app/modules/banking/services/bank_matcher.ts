import { inject } from '@adonisjs/core'
import logger from '@adonisjs/core/services/logger'
import { Decimal } from 'decimal.js'
import { BankLineActions } from '#modules/banking/services/bank_line_actions'
import { bankingSettings } from '#modules/banking/services/banking_settings'
import {
  findCandidates,
  type CandidateLine,
  type Candidates,
} from '#modules/banking/services/match_candidates'
import { writeLinks, type Link } from '#modules/banking/services/match_writer'
import type { Signal } from '#modules/banking/services/match_signals'
import type { Actor } from '#modules/shared/actor'
import { runInTransaction, type UnitOfWork } from '#modules/shared/unit_of_work'

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
      links.push({ lineId: line.id, journalId: byReference.journalId, customerId: byReference.customerId, amount, method: 'reference', reason: 'reference', confidence: '1.000' })
      continue
    }
    const signal = found.customer.get(line.id)
    if (!signal) continue
    const registered = found.byAmountDate.get(line.id)
    const sure = signal.confidence.gte(autoPostAt)
    const confidence = signal.confidence.toFixed(3)
    if (registered && sure) {
      links.push({ lineId: line.id, journalId: registered.journalId, customerId: signal.customerId, amount, method: 'amount_date', reason: signal.reason, confidence })
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
    const summary: MatchSummary = { linked: 0, autoPosted: 0, suggested: 0, unmatched: 0, autoPostRefused: 0 }
    for (let start = 0; start < lineIds.length; start += BATCH) {
      const batch = lineIds.slice(start, start + BATCH)
      const autoPost = await runInTransaction(actor, async (uow) => {
        const lines = await lockOpenLines(uow, batch)
        const found = await findCandidates(uow.trx, lines, settings.matchWindowDays)
        const decided = decide(lines, found, settings.autoPostConfidence)
        const linked = await writeLinks(uow, decided.links)
        const linkedIds = new Set(linked.map((link) => link.lineId))
        const open = decided.suggestions.filter((s) => !linkedIds.has(s.lineId))
        await writeSuggestions(uow, lines.filter((line) => !linkedIds.has(line.id)).map((l) => l.id), open)
        summary.linked += linked.length
        summary.suggested += open.length
        summary.unmatched += lines.length - linkedIds.size - open.length
        return decided.autoPost.filter((s) => !linkedIds.has(s.lineId))
      })
      for (const suggestion of autoPost) await this.autoPost(actor, suggestion, summary)
    }
    return summary
  }

  private async autoPost(actor: Actor, suggestion: Suggestion, summary: MatchSummary) {
    try {
      await runInTransaction(actor, async (uow) => {
        const line = await this.actions.lock(uow, suggestion.lineId)
        const { customerId, projectId, reason, confidence } = suggestion.signal
        await this.actions.postFor(uow, line, [{ customerId, projectId }], 'auto_posted', reason, confidence.toFixed(3))
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
  return result.rows.map((row: any) => ({ ...row, id: Number(row.id), amount: new Decimal(row.amount).toFixed() }))
}

/** A line's suggestions are replaced on each run; a line with any is 'suggested'. */
async function writeSuggestions(uow: UnitOfWork, lineIds: number[], suggestions: Suggestion[]) {
  if (lineIds.length === 0) return
  await uow.trx.rawQuery('DELETE FROM bank_match_suggestions WHERE bank_line_id = ANY(?)', [lineIds])
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
