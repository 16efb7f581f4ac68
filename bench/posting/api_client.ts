import { Agent, request as httpRequest } from 'node:http'
import { Decimal } from 'decimal.js'

export const CURRENCY = 'CNY'

/**
 * The HTTP clients: node:http over a keep-alive agent with one socket per client. (`fetch` spends
 * about 0.6 ms of CPU per request in this process, on the cores the server needs: the bench is
 * meant to measure the server, not the client.)
 */
export class ApiClient {
  private token = ''
  private agent: Agent

  constructor(
    private baseUrl: string,
    clients: number
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: clients })
  }

  close() {
    this.agent.destroy()
  }

  async request(path: string, body: unknown, expectedStatus: number): Promise<any> {
    const payload = JSON.stringify(body)
    const { status, text } = await new Promise<{ status: number; text: string }>(
      (resolve, reject) => {
        const request = httpRequest(
          `${this.baseUrl}${path}`,
          {
            method: 'POST',
            agent: this.agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              'accept': 'application/json',
              ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            },
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() })
            )
            response.on('error', reject)
          }
        )
        request.on('error', reject)
        request.end(payload)
      }
    )
    if (status !== expectedStatus) {
      throw new Error(`POST ${path} answered ${status}: ${text.slice(0, 500)}`)
    }
    return text ? JSON.parse(text) : null
  }

  async login(email: string, password: string) {
    const { token } = await this.request('/api/v1/auth/tokens', { email, password }, 201)
    this.token = token
  }

  async createCustomer(code: string): Promise<number> {
    const customer = await this.request(
      '/api/v1/customers',
      { code, name: `Bench API customer ${code}`, defaultCurrency: CURRENCY },
      201
    )
    return Number(customer.id)
  }

  async postReceipt(customerId: number, amount: string) {
    await this.request(
      '/api/v1/receipts',
      { customerId, amount, currency: CURRENCY, channel: 'bank_transfer' },
      201
    )
  }
}

const postingsSoFar = new Map<number, number>()

/**
 * 100.00, 100.01, 100.02, … per customer: real receipts differ, and identical ones (same customer,
 * amount and day) are what the duplicate-receipt alert looks for — every posting would open an alert.
 */
export function nextAmount(customerId: number): string {
  const n = postingsSoFar.get(customerId) ?? 0
  postingsSoFar.set(customerId, n + 1)
  return new Decimal(10_000 + n).dividedBy(100).toFixed(2)
}

/** Each client posts to its own customer, so the clients never queue on one balance row. */
export async function runApi(api: ApiClient, customers: number[], perClient: number) {
  await Promise.all(
    customers.map(async (customerId) => {
      for (let i = 0; i < perClient; i++) await api.postReceipt(customerId, nextAmount(customerId))
    })
  )
}
