import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { AlertEvaluator } from '#modules/alerts/services/alert_evaluator'
import { expectStatus, postAs } from '#tests/support/api'
import { makeCustomer } from '#tests/support/fixtures'
import { route } from '#tests/support/route'

export async function evaluator() {
  return app.container.make(AlertEvaluator)
}

/** The alerts raised for a customer, oldest first, in a compact comparable form. */
export async function alertsOf(customerId: number) {
  const rows = await db.from('alerts').where('customer_id', customerId).orderBy('id')
  return rows.map((row: any) => ({
    id: Number(row.id),
    ruleType: row.rule_type as string,
    messageKey: row.message_key as string,
    subjectType: row.subject_type as string,
    subjectId: Number(row.subject_id),
    status: row.status as string,
    params: row.params as Record<string, string | number>,
  }))
}

/** Waits (briefly) until the after-commit reactions have raised an alert of this type. */
export async function waitForAlert(customerId: number, ruleType: string, timeoutMs = 3000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const row = await db
      .from('alerts')
      .where({ customer_id: customerId, rule_type: ruleType })
      .first()
    if (row) return row
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return null
}

export async function setThreshold(customerId: number, threshold: string | null) {
  await db.from('customers').where('id', customerId).update({ low_balance_threshold: threshold })
}

export async function postReceipt(
  client: ApiClient,
  token: string,
  body: { customerId: number; amount: string; entryDate: string } & Record<string, unknown>
) {
  const response = await expectStatus(
    postAs(client, token, route('receipts.store'), {
      currency: 'CNY',
      channel: 'bank_transfer',
      ...body,
    }),
    201
  )
  return response.body()
}

export async function putPlan(
  client: ApiClient,
  token: string,
  projectId: number,
  installments: Array<{ dueDate: string; amount: string; label?: string }>
) {
  const response = await expectStatus(
    client
      .put(route('projects.installments.replace', { id: projectId }))
      .bearerToken(token)
      .json({ installments }),
    200
  )
  return response.body().installments as Array<{ id: number; seq: number }>
}

/** A customer (of `ownerId`) below its low-balance line: one open low_balance alert, raised by the evaluator. */
export async function customerWithAlert(client: ApiClient, token: string, ownerId?: number) {
  const customer = await makeCustomer(ownerId ? { salesOwnerId: ownerId } : {})
  await setThreshold(customer.id, '100')
  await postReceipt(client, token, {
    customerId: customer.id,
    amount: '10.00',
    entryDate: '2025-05-01',
  })
  const alerts = await evaluator()
  await alerts.evaluateCustomer(customer.id, { asOf: '2025-05-01' })
  const [alert] = await alertsOf(customer.id)
  return { customer, alert }
}
