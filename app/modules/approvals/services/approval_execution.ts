import type { Money } from '#kernel/money/money'
import type { ApprovalAction } from '#modules/approvals/default_rules'
import type { UnitOfWork } from '#kernel/unit_of_work'

export interface ApprovedContext {
  approvalId: number
  customerId: number
  reserved: Money
}

export interface ExecutedAction {
  body: unknown
  journalId: number | null
}

/**
 * What approvals cannot know by themselves: what an approved action does and how a request's hold
 * is freed. Approvals keep requests, rules and decisions; the workflows layer (app/workflows)
 * registers the executor at boot (start/wiring.ts), so approvals import no ledger or customer code.
 */
export interface ApprovalExecutor {
  /** runs the approved action in the deciding unit of work, releasing its hold as it posts */
  execute(
    uow: UnitOfWork,
    action: ApprovalAction,
    payload: any,
    approved: ApprovedContext
  ): Promise<ExecutedAction>
  /** frees the amount a request held when it closes without executing (reject, cancel, expiry) */
  release(uow: UnitOfWork, customerId: number, currency: string, amount: Money): Promise<void>
}

let resolveExecutor: (() => Promise<ApprovalExecutor>) | undefined

export function registerApprovalExecutor(resolve: () => Promise<ApprovalExecutor>) {
  resolveExecutor = resolve
}

export function approvalExecutor(): Promise<ApprovalExecutor> {
  if (!resolveExecutor) throw new Error('no approval executor registered (start/wiring.ts)')
  return resolveExecutor()
}
