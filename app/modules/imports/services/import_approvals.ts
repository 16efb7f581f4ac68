import db from '@adonisjs/lucid/services/db'
import { Decimal } from 'decimal.js'
import { Conflict, Forbidden } from '#kernel/errors'
import type { ApprovalAction, ApprovalLevel } from '#modules/approvals/public'
import { matchApprovalRule, type MatchedRule } from '#modules/approvals/public'
import { decisionRefusal } from '#modules/approvals/public'
import type { Actor } from '#kernel/actor'
import { runInTransaction } from '#kernel/unit_of_work'
import type { ImportKindName } from '#modules/imports/kinds/profiles'
import type { JobRow } from '#modules/imports/services/import_runner'
import { jobView } from '#modules/imports/services/job_view'

/**
 * Kinds that go through the approval gate, by the approval action whose rules decide. Movements
 * are matched as the API matches them (a refund rule, an application rule), by the largest base
 * amount one row of the file moves, so a file is never approved at a lower level than its largest
 * row would be on its own.
 */
const APPROVAL_ACTION: Partial<Record<ImportKindName, ApprovalAction>> = {
  opening: 'opening_import',
  applications: 'application',
  refunds: 'refund',
}

export interface ApprovalDecision {
  level: number
  userId: number
  at: string
}

/** The rule a validated job must pass before it commits, or null when none applies. */
export async function approvalRuleFor(job: JobRow): Promise<MatchedRule | null> {
  const action = APPROVAL_ACTION[job.kind]
  if (!action) return null
  return matchApprovalRule(db.connection(), {
    action,
    baseAmount: new Decimal(job.result?.maxBaseAmount ?? 0),
    currency: null,
    department: null,
    projectId: null,
  })
}

/** Holds the job for approval with the rule's levels as they are now (an edit later changes nothing). */
export async function requestApproval(actor: Actor, jobId: number, rule: MatchedRule) {
  return runInTransaction(actor, async (uow) => {
    const row = await moveJob(uow.trx, jobId, 'validated', {
      status: 'awaiting_approval',
      approval_rule_id: rule.id,
      approval_levels: JSON.stringify(rule.levels),
      approval_decisions: '[]',
    })
    const view = jobView(row)
    uow.audit({
      entityType: 'import_job',
      entityId: jobId,
      action: 'request_approval',
      after: view,
    })
    return view
  })
}

/** The levels of a held job (a job held before levels were kept reads its rule's). */
async function levelsOf(job: JobRow): Promise<ApprovalLevel[]> {
  if (job.approval_levels) return job.approval_levels
  const rule = await db.from('approval_rules').where('id', job.approval_rule_id!).first()
  return (rule?.levels as ApprovalLevel[] | undefined) ?? []
}

/**
 * Checks that `actor` may decide the job's current level (the approvals' one maker-checker rule:
 * not the uploader, one person one level, the level's role or user). Returns the decisions with
 * this one added and whether it was the last level.
 */
export async function nextDecision(actor: Actor, job: JobRow) {
  if (job.status !== 'awaiting_approval') {
    throw new Conflict('job_state', `import ${job.id} is ${job.status}, not awaiting approval`)
  }
  const levels = await levelsOf(job)
  const decided = job.approval_decisions ?? []
  const refusal = decisionRefusal(
    {
      status: 'pending',
      requestedBy: job.created_by,
      level: levels[decided.length],
      deciders: decided.map((d) => d.userId),
    },
    actor
  )
  if (refusal) throw new Forbidden(refusal)
  const decision = {
    level: decided.length + 1,
    userId: actor.userId!,
    at: new Date().toISOString(),
  }
  return {
    decided: decided.length,
    decisions: [...decided, decision],
    last: decided.length + 1 >= levels.length,
  }
}

/** Records a level that is not the last: the job stays held for the next level's approver. */
export async function recordLevel(
  actor: Actor,
  job: JobRow,
  step: Awaited<ReturnType<typeof nextDecision>>
) {
  return runInTransaction(actor, async (uow) => {
    const row = await moveHeldJob(uow.trx, job.id, step.decided, {
      approval_decisions: JSON.stringify(step.decisions),
    })
    const view = jobView(row)
    uow.audit({ entityType: 'import_job', entityId: job.id, action: 'approve_level', after: view })
    return view
  })
}

/** Rejects a held job (the current level's approver): it never commits; a new upload may. */
export async function rejectHeld(actor: Actor, job: JobRow, reason: string | null) {
  const step = await nextDecision(actor, job)
  return runInTransaction(actor, async (uow) => {
    const row = await moveHeldJob(uow.trx, job.id, step.decided, {
      status: 'cancelled',
      decided_by: actor.userId,
      result: JSON.stringify({ ...(job.result ?? {}), rejectedReason: reason }),
    })
    const view = jobView(row)
    uow.audit({ entityType: 'import_job', entityId: job.id, action: 'reject', after: view })
    return view
  })
}

/**
 * Moves a job from status `from` (and, for a held job, from `decided` levels decided): two
 * requests moving the same job at once — a second commit, two approvers of one level — find it
 * moved, and the later one is told so.
 */
export async function moveJob(
  trx: any,
  jobId: number,
  from: string,
  changes: Record<string, unknown>,
  decided?: number
) {
  const query = trx.from('import_jobs').where({ id: jobId, status: from })
  if (decided !== undefined) query.whereRaw('jsonb_array_length(approval_decisions) = ?', [decided])
  const [row] = await query.update({ ...changes, updated_at: new Date() }).returning('*')
  if (!row) throw new Conflict('job_state', `import ${jobId} was moved by someone else meanwhile`)
  return row
}

/** Moves a held job, if no level was decided since it was read. */
export function moveHeldJob(
  trx: any,
  jobId: number,
  decided: number,
  changes: Record<string, unknown>
) {
  return moveJob(trx, jobId, 'awaiting_approval', changes, decided)
}
