import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { InvalidInput } from '#kernel/errors'
import { Money } from '#kernel/money/money'
import { refuse } from '#modules/prepayments/ledger/ledger_refusals'
import { numberOrNull } from '#kernel/row_values'

/** The document an application names, as the posting needs it. */
export interface NamedDocument {
  id: number
  kind: string
  number: string
  projectId: number | null
  currency: string
  openAmount: Money
}

interface Naming {
  customerId: number
  documentId?: number
  documentNo?: string
}

/**
 * Finds the document an application names: by `documentId` (it must be the customer's), or by its
 * number among the customer's documents; null for a free-text number (no record).
 */
export class DocumentLookup {
  async forApplication(client: QueryClientContract, input: Naming): Promise<NamedDocument | null> {
    const result = input.documentId
      ? await client.rawQuery('SELECT * FROM documents WHERE id = ?', [input.documentId])
      : await client.rawQuery('SELECT * FROM documents WHERE customer_id = ? AND number = ?', [
          input.customerId,
          input.documentNo ?? '',
        ])
    const row = result.rows[0]
    if (!row) {
      if (input.documentId) throw this.unknown()
      return null
    }
    if (Number(row.customer_id) !== input.customerId) throw this.unknown()
    return {
      id: Number(row.id),
      kind: row.kind,
      number: row.number,
      projectId: numberOrNull(row.project_id),
      currency: row.currency,
      openAmount: new Money(row.open_amount),
    }
  }

  /**
   * Refuses at once an application its document's open amount does not cover now (a request for
   * approval holds nothing on the document: the posting re-checks under the document's lock).
   */
  assertCovers(document: NamedDocument, amount: Money) {
    if (amount.greaterThan(document.openAmount)) {
      throw refuse('document_overapplied', {
        documentNo: document.number,
        openAmount: document.openAmount.toFixed(),
        amount: amount.toFixed(),
        currency: document.currency,
      })
    }
  }

  private unknown() {
    return new InvalidInput(
      'documentId',
      'exists',
      'documentId does not name a document of this customer'
    )
  }
}
