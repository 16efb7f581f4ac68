import type { ActionContext } from 'adminjs'
import type { ApprovalView } from '#modules/approvals/public'
import { Money } from '#kernel/money/money'
import type { StoredResponse } from '#kernel/idempotency'
import type { FormDone } from '#modules/admin/panel/form_action'
import { showUrl } from '#modules/admin/panel/resource_helpers'

/**
 * After an action that went through the approval gate: done at once (the API's 200/201) → `direct`;
 * pending (202) → to the approval request, saying so (and that the amount is held, if it is).
 */
export const afterGate =
  (direct: (body: any, context: ActionContext) => FormDone) =>
  (result: StoredResponse, context: ActionContext): FormDone => {
    if (result.status !== 202) return direct(result.body, context)
    const request = result.body as ApprovalView
    const reserved = request.reserved !== null && !new Money(request.reserved).isZero()
    return {
      redirectUrl: showUrl(context, 'approval_requests', request.id),
      message: reserved ? 'submittedReserved' : 'submittedForApproval',
      options: { id: request.id },
    }
  }
