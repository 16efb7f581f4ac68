import type { ApiClient } from '@japa/api-client'
import { unique } from '#tests/support/fixtures'
import { expectStatus, postAs } from '#tests/support/api'
import { outboxSettled } from '#tests/support/outbox'

/** Posts a CNY bank receipt dated today and waits until its notifications (and emails) are out. */
export async function receiptNotified(
  client: ApiClient,
  token: string,
  customerId: number,
  amount: string
) {
  const response = await expectStatus(
    postAs(client, token, '/api/v1/receipts', {
      customerId,
      amount,
      currency: 'CNY',
      channel: 'bank_transfer',
      bankReference: unique('REF'),
    }),
    201
  )
  await outboxSettled()
  return response.body()
}
