import type { OperationTable } from '#modules/api_docs/openapi_types'
import {
  confirmationsQueryValidator,
  contactsValidator,
  noteValidator,
  sendNowValidator,
} from '#modules/reports/confirmations/confirmation_validators'
import { fxQueryValidator } from '#modules/reports/validators/fx_validators'

const FINANCE = 'finance, finance_manager'
const object = { type: 'object' }

/** 对账确认 (statement confirmation: send now, contacts, answers) and the 汇兑损益 report. */
export const statementOperations: OperationTable = {
  'GET /reports/fx': {
    summary:
      '汇兑损益 Realised and unrealised (month-end revaluation) exchange gain/loss (6603) by period, customer, project or currency',
    tag: 'reports',
    roles: 'executive, finance_manager, finance, auditor, admin',
    query: fxQueryValidator,
    responses: { 200: { description: 'the figures, base currency', schema: object } },
  },
  'POST /statements/send': {
    summary:
      'Send statements now, for one customer or a selection (to its finance contacts, CC the sales owner)',
    tag: 'statements',
    roles: FINANCE,
    body: sendNowValidator,
    responses: { 201: { description: 'the run and its deliveries', schema: object } },
  },
  'GET /customers/:id/statement-contacts': {
    summary: 'Who receives a customer’s statements, and in which language',
    tag: 'statements',
    responses: { 200: { description: 'contacts and language', schema: object } },
  },
  'PUT /customers/:id/statement-contacts': {
    summary: 'Replace a customer’s statement contacts and language',
    tag: 'statements',
    roles: FINANCE,
    body: contactsValidator,
    responses: { 200: { description: 'contacts and language', schema: object } },
  },
  'GET /statement-confirmations': {
    summary: 'Statements sent and their answers (sent, viewed, confirmed, disputed, superseded)',
    tag: 'statements',
    roles: FINANCE,
    query: confirmationsQueryValidator,
    responses: { 200: { description: 'the confirmations', schema: object } },
  },
  'GET /statement-confirmations/:id': {
    summary: 'One statement’s answer, with when, from where and the comment',
    tag: 'statements',
    roles: FINANCE,
    responses: { 200: { description: 'the confirmation', schema: object } },
  },
  'GET /statement-confirmations/:id/attachment': {
    summary: 'The file a customer attached to a dispute (image or PDF)',
    tag: 'statements',
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
    tag: 'statements',
    roles: FINANCE,
    body: noteValidator,
    idempotent: true,
    responses: { 200: { description: 'the confirmation', schema: object } },
  },
  'POST /statement-confirmations/:id/reopen': {
    summary: 'Finance reopens an answered statement so the customer may answer again',
    tag: 'statements',
    roles: FINANCE,
    body: noteValidator,
    idempotent: true,
    responses: { 200: { description: 'the confirmation', schema: object } },
  },
}
