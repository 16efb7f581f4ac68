import type { ApiClient, ApiResponse } from '@japa/api-client'
import { route } from '#tests/support/route'

/** POST with a bearer token (and an Idempotency-Key when given). */
export function postAs(
  client: ApiClient,
  token: string,
  url: string,
  body: object,
  idempotencyKey?: string
) {
  const request = client.post(url).bearerToken(token).json(body)
  return idempotencyKey ? request.header('Idempotency-Key', idempotencyKey) : request
}

export function getAs(client: ApiClient, token: string, url: string) {
  return client.get(url).bearerToken(token)
}

export async function balanceOf(
  client: ApiClient,
  token: string,
  customerId: number,
  currency = 'CNY'
) {
  const response = await getAs(client, token, route('customers.balances', { id: customerId }))
  const row = response.body().balances.find((b: { currency: string }) => b.currency === currency)
  return row as
    { balance: string; pending: string; available: string; creditLimit: string } | undefined
}

/** Awaits a request and asserts its status, returning the response for further checks. */
export async function expectStatus(request: PromiseLike<ApiResponse>, status: number) {
  const response = await request
  response.assertStatus(status)
  return response
}

/**
 * Submits an approvable request as one user (expects 202 pending) and approves it as another;
 * returns the approval response body ({approval, result}).
 */
export async function submitAndApprove(
  client: ApiClient,
  requesterToken: string,
  approverToken: string,
  url: string,
  body: object
) {
  const submitted = await expectStatus(postAs(client, requesterToken, url, body), 202)
  const approved = await expectStatus(
    postAs(client, approverToken, route('approvals.approve', { id: submitted.body().id }), {
      comment: 'ok',
    }),
    200
  )
  return approved.body()
}
