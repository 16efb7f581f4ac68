import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { RawQueryBindings } from '@adonisjs/lucid/types/querybuilder'
import { Money, formatAmount } from '#kernel/money/money'
import { documentView, type DocumentRow } from '#modules/prepayments/documents/document_view'

export type SuggestionOrder = 'oldest' | 'project'

/**
 * 核销建议: a customer's open documents against its available advances (balance − pending, no
 * credit), per currency. `oldest`: documents oldest first, each taking what the customer still has.
 * `project`: each document of a project takes no more than that project's advance (so the
 * application leaves no project below zero); documents without a project take what is left.
 * Nothing is written: the reviewed list is applied through POST /applications' path.
 */
export class SuggestionService {
  async suggest(
    client: QueryClientContract,
    customerId: number,
    order: SuggestionOrder,
    currency?: string
  ) {
    const documents = await this.openDocuments(client, customerId, order, currency)
    const available = await this.available(client, customerId)
    const projects = await this.projectBalances(client, customerId)
    const suggestions = []
    for (const row of documents) {
      const left = available.get(row.currency) ?? new Money(0)
      const projectKey = `${row.project_id}:${row.currency}`
      const cap =
        order === 'project' && row.project_id !== null
          ? Money.min(left, projects.get(projectKey) ?? new Money(0))
          : left
      const take = Money.max(Money.min(cap, new Money(row.open_amount)), 0)
      if (take.isZero()) continue
      available.set(row.currency, left.minus(take))
      if (row.project_id !== null)
        projects.set(projectKey, (projects.get(projectKey) ?? new Money(0)).minus(take))
      const view = documentView(row)
      suggestions.push({
        documentId: view.id,
        kind: view.kind,
        number: view.number,
        projectId: view.projectId,
        currency: view.currency,
        documentDate: view.documentDate,
        openAmount: view.openAmount,
        suggestedAmount: formatAmount(take, row.currency),
      })
    }
    return { customerId, order, suggestions }
  }

  private async openDocuments(
    client: QueryClientContract,
    customerId: number,
    order: SuggestionOrder,
    currency?: string
  ): Promise<DocumentRow[]> {
    const byProject = order === 'project' ? 'project_id NULLS LAST,' : ''
    const result = await client.rawQuery(
      `SELECT * FROM documents
        WHERE customer_id = ? AND status = 'open' AND open_amount > 0
          AND (?::text IS NULL OR currency = ?)
        ORDER BY ${byProject} document_date, id`,
      [customerId, currency ?? null, currency ?? null] as RawQueryBindings
    )
    return result.rows
  }

  private async available(client: QueryClientContract, customerId: number) {
    const result = await client.rawQuery(
      'SELECT currency, balance - pending AS available FROM customer_balances WHERE customer_id = ?',
      [customerId]
    )
    return new Map<string, Money>(
      result.rows.map((row: any) => [row.currency, Money.max(new Money(row.available), 0)])
    )
  }

  private async projectBalances(client: QueryClientContract, customerId: number) {
    const result = await client.rawQuery(
      'SELECT project_id, currency, balance FROM project_balances WHERE customer_id = ?',
      [customerId]
    )
    return new Map<string, Money>(
      result.rows.map((row: any) => [
        `${row.project_id}:${row.currency}`,
        Money.max(new Money(row.balance), 0),
      ])
    )
  }
}
