import { XMLParser } from 'fast-xml-parser'
import {
  draftLine,
  parseDateText,
  parseMoneyText,
  statementOf,
  unreadableAt,
  type BankLineDraft,
  type ParsedStatement,
} from '#modules/banking/parsers/bank_line_draft'

type Node = Record<string, any>

const ARRAYS = new Set(['Stmt', 'Ntry', 'TxDtls', 'Ustrd'])

/** Values stay text (parseTagValue off): an amount is never a float on its way in. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
})

/**
 * ISO 20022 camt.053 (BankToCustomerStatement, versions 02–08): one line per entry, or per
 * transaction detail when an entry batches several (each with its own amount). The debtor of a
 * credit (the creditor of a debit) is the counterparty.
 */
export function parseCamt053(text: string): ParsedStatement {
  let document: Node
  try {
    document = parser.parse(text, true)
  } catch (error) {
    throw unreadableAt(0, 'file', 'xml', `not well-formed XML: ${(error as Error).message}`)
  }
  const statements: Node[] = document?.Document?.BkToCstmrStmt?.Stmt ?? []
  if (statements.length === 0) {
    throw unreadableAt(0, 'file', 'camt053', 'no BkToCstmrStmt/Stmt in the document')
  }
  const account = statements[0].Acct ?? {}
  // entries are numbered across the file's statements: a refusal names the entry in the file
  const entries: Node[] = statements.flatMap((statement) => statement.Ntry ?? [])
  const lines = entries.flatMap((entry, index) => entryLines(entry, index + 1))
  return statementOf(
    'camt053',
    { accountNo: account.Id?.IBAN ?? account.Id?.Othr?.Id, currency: account.Ccy },
    lines
  )
}

function entryLines(entry: Node, entryNo: number): BankLineDraft[] {
  const direction =
    entry.CdtDbtInd === 'CRDT' ? 'credit' : entry.CdtDbtInd === 'DBIT' ? 'debit' : null
  const date = parseDateText(
    entry.ValDt?.Dt ?? entry.ValDt?.DtTm ?? entry.BookgDt?.Dt ?? entry.BookgDt?.DtTm
  )
  if (!direction || !date) {
    throw unreadableAt(entryNo, 'Ntry', 'camt053', 'entry without CdtDbtInd or date')
  }
  const details: Node[] = entry.NtryDtls?.TxDtls ?? []
  const parts = details.length > 1 ? details : [details[0] ?? {}]
  return parts.map((detail, index) => {
    const amountNode = parts.length > 1 ? (detail.AmtDtls?.TxAmt?.Amt ?? detail.Amt) : entry.Amt
    const amount = parseMoneyText(amountText(amountNode))
    if (!amount || amount.lte(0)) {
      throw unreadableAt(entryNo, 'Amt', 'amount', 'entry amount missing or not positive')
    }
    const party = counterparty(detail, direction)
    const reference =
      detail.Refs?.AcctSvcrRef ?? detail.Refs?.EndToEndId ?? detail.Refs?.TxId ?? entry.AcctSvcrRef
    const suffix = parts.length > 1 && reference === entry.AcctSvcrRef ? `/${index + 1}` : ''
    const ustrd: string[] = detail.RmtInf?.Ustrd ?? []
    return draftLine({
      valueDate: date.date,
      bookedAt: entry.BookgDt?.DtTm,
      direction,
      amount,
      currency: typeof amountNode === 'object' ? amountNode['@Ccy'] : null,
      bankReference: reference ? `${reference}${suffix}` : null,
      counterpartyName: party.name,
      counterpartyAccount: party.account,
      memo: [ustrd.join(' '), entry.AddtlNtryInf],
      raw: {
        entry: String(entryNo),
        reference: String(reference ?? ''),
        status: String(entry.Sts?.Cd ?? entry.Sts ?? ''),
      },
    })
  })
}

function amountText(node: unknown): string | null {
  if (node === undefined || node === null) return null
  return typeof node === 'object' ? String((node as Node)['#text'] ?? '') : String(node)
}

/** Who paid us (credit) or whom we paid (debit); 2019+ schemas wrap the party in Pty. */
function counterparty(detail: Node, direction: 'credit' | 'debit') {
  const parties = detail.RltdPties ?? {}
  const party = direction === 'credit' ? parties.Dbtr : parties.Cdtr
  const account = direction === 'credit' ? parties.DbtrAcct : parties.CdtrAcct
  return {
    name: party?.Nm ?? party?.Pty?.Nm,
    account: account?.Id?.IBAN ?? account?.Id?.Othr?.Id,
  }
}
