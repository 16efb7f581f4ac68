import { OBJECT, ROLES, created, ok, tagged } from '#modules/api_docs/operation_kit'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  confirmationsQueryValidator,
  contactsValidator,
  noteValidator,
  sendNowValidator,
} from '#modules/reports/public'
import { fxQueryValidator } from '#modules/reports/public'

const FINANCE = ROLES.finance
const contacts = ok('contacts and language', OBJECT)
const confirmation = ok('the confirmation', OBJECT)

/** 对账确认 (statement confirmation: send now, contacts, answers) and the 汇兑损益 report. */
export const statementOperations: OperationTable = {
  ...tagged('reports', {
    'GET /reports/fx': {
      summary:
        '汇兑损益 Realised and unrealised (month-end revaluation) exchange gain/loss (6603) by period, customer, project or currency',
      roles: 'executive, finance_manager, finance, auditor, admin',
      query: fxQueryValidator,
      responses: ok('the figures, base currency', OBJECT),
    },
  }),
  ...tagged('statements', {
    'POST /statements/send': {
      summary:
        'Send statements now, for one customer or a selection (to its finance contacts, CC the sales owner)',
      roles: FINANCE,
      body: sendNowValidator,
      idempotent: true,
      responses: created('the run and its deliveries', OBJECT),
    },
    'GET /customers/:id/statement-contacts': {
      summary: 'Who receives a customer’s statements, and in which language',
      responses: contacts,
    },
    'PUT /customers/:id/statement-contacts': {
      summary: 'Replace a customer’s statement contacts and language',
      roles: FINANCE,
      body: contactsValidator,
      idempotent: true,
      responses: contacts,
    },
    'GET /statement-confirmations': {
      summary: 'Statements sent and their answers (sent, viewed, confirmed, disputed, superseded)',
      roles: FINANCE,
      query: confirmationsQueryValidator,
      responses: ok('the confirmations', OBJECT),
    },
    'GET /statement-confirmations/:id': {
      summary: 'One statement’s answer, with when, from where and the comment',
      roles: FINANCE,
      responses: confirmation,
    },
    'GET /statement-confirmations/:id/attachment': {
      summary: 'The file a customer attached to a dispute (image or PDF)',
      roles: FINANCE,
      responses: {
        200: {
          description: 'the file as uploaded',
          contentType: 'application/octet-stream',
          schema: { type: 'string' },
        },
      },
    },
    'POST /statement-confirmations/:id/resolve': {
      summary: 'Finance resolves a dispute with a note (and resolves its alert)',
      roles: FINANCE,
      body: noteValidator,
      idempotent: true,
      responses: confirmation,
    },
    'POST /statement-confirmations/:id/reopen': {
      summary: 'Finance reopens an answered statement so the customer may answer again',
      roles: FINANCE,
      body: noteValidator,
      idempotent: true,
      responses: confirmation,
    },
  }),
}
