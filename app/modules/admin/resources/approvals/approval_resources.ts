import { ownCustomersOnly } from '#modules/admin/panel/panel_user'
import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { fields } from '#modules/admin/panel/resource_helpers'
import { requestActions, ruleActions } from '#modules/admin/resources/approvals/approval_actions'
import { requestColumns, ruleColumns } from '#modules/admin/resources/approvals/approval_columns'
import { approvalInbox } from '#modules/admin/resources/approvals/approval_inbox'

const area = panelArea(MENU.approvals, 'approvals.read')

function requestsResource() {
  return area.resource(
    {
      table: 'approval_requests',
      scope: ownCustomersOnly('approval_requests.customer_id'),
      columns: requestColumns,
    },
    {
      sort: { sortBy: 'queue', direction: 'desc' },
      listProperties: fields('id actionType status customerId amount levels requestedBy createdAt'),
      showProperties: fields(
        'label status actionType customerId projectId amount baseAmount reserved request levels decisions comment journalId requestedBy createdAt expiresAt decidedAt'
      ),
      filterProperties: ['status', 'actionType', 'customerId', 'requestedBy'],
      actions: requestActions,
    }
  )
}

/** What a rule's form edits (levels typed as text); its page shows the levels as a chain. */
const ruleForm = fields(
  'name actionType minBaseAmount currency department projectId levelsInput isActive'
)

function rulesResource() {
  return area.resource(
    { table: 'approval_rules', columns: ruleColumns },
    {
      sort: { sortBy: 'actionType', direction: 'asc' },
      listProperties: ['name', 'actionType', 'minBaseAmount', 'levels', 'isActive'],
      showProperties: [...ruleForm.map((p) => (p === 'levelsInput' ? 'levels' : p)), 'updatedAt'],
      editProperties: ruleForm,
      filterProperties: ['name', 'actionType', 'isActive'],
      actions: ruleActions,
    }
  )
}

/** Approvals (审批): requests with their decisions, rules, and the approver's inbox. */
export const approvalsPanel: PanelModule = {
  name: 'approvals',
  resources: () => [requestsResource(), rulesResource()],
  dashboard: approvalInbox,
}
