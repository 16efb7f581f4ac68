import router from '@adonisjs/core/services/router'
import { buildOpenApi } from '#modules/api_docs/openapi_builder'
import type { OperationTable } from '#modules/api_docs/openapi_types'
import { bankingOperations } from '#modules/api_docs/operations/banking'
import { coreOperations } from '#modules/api_docs/operations/core'
import { documentOperations } from '#modules/api_docs/operations/documents'
import { integrationOperations } from '#modules/api_docs/operations/integration'
import { notificationOperations } from '#modules/api_docs/operations/notifications'
import { recordOperations } from '#modules/api_docs/operations/records'
import { statementOperations } from '#modules/api_docs/operations/statements'
import { workflowOperations } from '#modules/api_docs/operations/workflow'
import { alertSchemas } from '#modules/alerts/public'
import { approvalSchemas } from '#modules/approvals/public'
import { auditSchemas } from '#modules/audit/public'
import { backupSchemas } from '#modules/backup/public'
import { bankingSchemas } from '#modules/banking/public'
import { customerSchemas } from '#modules/customers/public'
import { identitySchemas } from '#modules/identity/public'
import { importSchemas } from '#modules/imports/public'
import { installmentSchemas } from '#modules/installments/public'
import { journalSchemas } from '#modules/prepayments/public'
import { documentSchemas } from '#modules/prepayments/public'
import { reportSchemas } from '#modules/reports/public'
import { voucherSchemas } from '#modules/vouchers/public'
import { webhookSchemas } from '#modules/webhooks/public'
import { currencyFxOperations } from '#modules/api_docs/operations/currency_fx'
import { currencyLimitSchemas } from '#modules/customers/public'
import { fxRevaluationSchemas } from '#modules/prepayments/public'

export const operations: OperationTable = {
  ...coreOperations,
  ...workflowOperations,
  ...recordOperations,
  ...integrationOperations,
  ...bankingOperations,
  ...notificationOperations,
  ...statementOperations,
  ...currencyFxOperations,
  ...documentOperations,
}

/** Every module's wire shapes, by component name (each shape stated once, beside its serializer). */
export const schemas = {
  ...identitySchemas,
  ...customerSchemas,
  ...journalSchemas,
  ...approvalSchemas,
  ...alertSchemas,
  ...installmentSchemas,
  ...auditSchemas,
  ...reportSchemas,
  ...webhookSchemas,
  ...voucherSchemas,
  ...importSchemas,
  ...bankingSchemas,
  ...backupSchemas,
  ...currencyLimitSchemas,
  ...fxRevaluationSchemas,
  ...documentSchemas,
}

const info = {
  title: 'AdvanceLedger API · 客户预付款跟踪系统',
  version: '1',
  description: [
    'Bearer tokens from POST /api/v1/auth/tokens; JSON bodies only (another Content-Type is 415).',
    'Amounts are decimal strings in the currency’s decimals, never JSON numbers.',
    'State-changing calls accept Idempotency-Key; every response carries X-Request-Id.',
    'Every 4xx/5xx body is {"errors":[{"field","rule","message"}]} (messages zh-CN by default).',
  ].join('\n\n'),
}

let cached: ReturnType<typeof buildOpenApi> | undefined

/**
 * The document of the routes as registered: built once per process, once the routes are (a call
 * before start/routes.ts has run builds an empty document and keeps nothing).
 */
export function openApi() {
  if (cached) return cached
  const routes = Object.values(router.toJSON()).flat()
  const built = buildOpenApi({ routes, operations, schemas, info })
  if (routes.length) cached = built
  return built
}
