import type { ActionContext } from 'adminjs'
import app from '@adonisjs/core/services/app'
import vine from '@vinejs/vine'
import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { formAction, recordFormAction } from '#modules/admin/panel/form_action'
import { allows, ownCustomersOnly } from '#modules/admin/panel/panel_user'
import { columnsOf } from '#modules/admin/panel/columns'
import { fields, showUrl } from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'
import { valueLabels } from '#modules/admin/panel/value_labels'
import { afterGate } from '#modules/admin/panel/after_gate'
import { plainDate, recordId } from '#kernel/validation_rules'
import { CURRENCY_CODES } from '#kernel/money/currencies'
import { DOCUMENT_TYPES } from '#modules/prepayments/public'
import { DocumentService } from '#modules/prepayments/public'
import { SuggestionService } from '#modules/prepayments/public'
import { cancelDocumentValidator, createDocumentValidator } from '#modules/prepayments/public'
import { Submissions } from '#workflows/ledger_submissions'
import type { UnitOfWork } from '#kernel/unit_of_work'

const moneyArea = panelArea(MENU.money, 'ledger.read')

const documents = () => app.container.make(DocumentService)
const submissions = () => app.container.make(Submissions)
const doc = columnsOf('documents')

const STATUS_SQL = `CASE WHEN documents.status = 'cancelled' THEN 'cancelled'
  WHEN documents.open_amount = 0 THEN 'settled' ELSE 'open' END`
const kindLabels = valueLabels('document_kind')

const documentColumns: ColumnSpec[] = [
  doc.id(),
  doc.field('number', { filter: 'ilike', isTitle: true, required: true }),
  doc.choice('kind', DOCUMENT_TYPES, kindLabels, { required: true }),
  doc.ref('customerId', 'customers', { filter: 'exact', required: true }),
  doc.ref('projectId', 'projects', { filter: 'exact' }),
  doc.choice('currency', CURRENCY_CODES, undefined, { required: true }),
  { ...doc.amount('amount'), required: true },
  doc.amount('openAmount'),
  {
    name: 'status',
    sql: STATUS_SQL,
    availableValues: ['open', 'settled', 'cancelled'],
    labels: valueLabels('document_status'),
    filter: 'exact',
  },
  { ...doc.date('documentDate', true), required: true },
  doc.date('dueDate'),
  doc.text('memo'),
  doc.text('cancelReason'),
  doc.ref('createdBy', 'users'),
  doc.instant('createdAt'),
]

function documentsResource() {
  return moneyArea.resource(
    doc.spec(documentColumns, { scope: ownCustomersOnly(doc.sql('customerId')) }),
    {
      sort: { sortBy: 'documentDate', direction: 'desc' },
      listProperties: fields(
        'number kind customerId projectId documentDate amount openAmount status'
      ),
      showProperties: fields(
        'number kind customerId projectId currency amount openAmount status documentDate dueDate memo cancelReason createdBy createdAt'
      ),
      filterProperties: fields('number kind customerId projectId status documentDate'),
      editProperties: fields(
        'customerId projectId kind number amount currency documentDate dueDate memo'
      ),
      actions: {
        new: formAction({
          permission: 'applications.post',
          validator: createDocumentValidator,
          customerOf: (input) => input.customerId,
          run: (uow, input) => documents().then((service) => service.create(uow, input)),
          done: (view, context) => ({
            redirectUrl: showUrl(context, 'documents', view.id),
            message: `${view.number} ✓`,
          }),
        }),
        cancelDocument: recordFormAction(
          'XCircle',
          [{ name: 'reason', type: 'textarea', required: true }],
          ({ currentAdmin, record }: ActionContext) =>
            allows('applications.post')({ currentAdmin }) && record?.params.status === 'open',
          {
            permission: 'applications.post',
            validator: cancelDocumentValidator,
            customerOf: (_input, _uow, context) => Number(context.record!.params.customerId),
            run: (uow, input, _user, context) =>
              documents().then((s) => s.cancel(uow, Number(context.record!.id()), input.reason)),
            done: (view, context) => ({
              redirectUrl: showUrl(context, 'documents', view.id),
              message: `${view.number} ✓`,
            }),
          }
        ),
      },
    }
  )
}

const suggestion = columnsOf('application_suggestions')

const applyAllValidator = vine.compile(
  vine.object({ customerId: recordId(), entryDate: plainDate().optional() })
)

/**
 * 核销建议 (the view application_suggestions, oldest first): filtered by customer it is the review;
 * "apply" on any row applies all of that customer's suggestions in one action, each through the
 * approval gate as POST /applications does.
 */
function suggestionsResource() {
  return moneyArea.resource(
    suggestion.spec(
      [
        suggestion.id(),
        suggestion.field('number', { isTitle: true }),
        suggestion.choice('kind', DOCUMENT_TYPES, kindLabels),
        suggestion.ref('customerId', 'customers', { filter: 'exact' }),
        suggestion.ref('projectId', 'projects', { filter: 'exact' }),
        suggestion.field('currency'),
        suggestion.date('documentDate', true),
        suggestion.amount('openAmount'),
        suggestion.amount('available'),
        suggestion.amount('suggestedAmount'),
      ],
      { scope: ownCustomersOnly(suggestion.sql('customerId')) }
    ),
    {
      sort: { sortBy: 'documentDate', direction: 'asc' },
      listProperties: fields(
        'customerId number kind projectId documentDate openAmount available suggestedAmount'
      ),
      filterProperties: fields('customerId projectId'),
      actions: {
        applySuggestions: recordFormAction(
          'CheckSquare',
          [{ name: 'entryDate', type: 'date' }],
          ({ currentAdmin }: ActionContext) => allows('applications.post')({ currentAdmin }),
          {
            permission: 'applications.post',
            validator: applyAllValidator,
            fromRecord: (context) => ({ customerId: Number(context.record!.params.customerId) }),
            customerOf: (input) => input.customerId,
            run: async (uow, input) => applyAll(uow, input.customerId, input.entryDate),
            done: afterGate((body: { applied: number }, context) => ({
              redirectUrl: context.h.resourceUrl({ resourceId: 'documents' }),
              message: `${body.applied} ✓`,
            })),
          }
        ),
      },
    }
  )
}

/** Every suggestion of the customer, each through the approval gate (202s go to the inbox). */
async function applyAll(uow: UnitOfWork, customerId: number, entryDate?: Date) {
  const suggested = await new SuggestionService().suggest(uow.trx, customerId, 'oldest')
  const gate = await submissions()
  let applied = 0
  for (const item of suggested.suggestions) {
    await gate.application(uow, {
      customerId,
      documentId: item.documentId,
      amount: item.suggestedAmount,
      currency: item.currency,
      entryDate,
    })
    applied++
  }
  return { status: 201, body: { applied } }
}

export const documentsPanel: PanelModule = {
  name: 'documents',
  resources: () => [documentsResource(), suggestionsResource()],
}
