import {
  draftLine,
  parseMoneyText,
  statementOf,
  unreadableAt,
  type BankLineDraft,
  type ParsedStatement,
} from '#modules/banking/parsers/bank_line_draft'

/**
 * SWIFT MT940 (customer statement). Our own reader: the npm parsers we looked at (mt940-js 1.0)
 * return amounts as JavaScript numbers, and the format is a handful of tags.
 *  :25: account · :60F:/:60M: opening balance (gives the currency) · :61: one line · :86: its
 *  details, either SWIFT-structured (/ORDP/ /NAME/ /ACC/ /REMI/) or German-style ?20–?33 subfields,
 *  else free text used as the memo.
 * :61: = value date YYMMDD, [entry date MMDD], C/D/RC/RD, [funds code], amount (decimal comma),
 * transaction type (N/S/F + 3), customer reference, [//bank reference], [\n supplementary details].
 */
export function parseMt940(text: string): ParsedStatement {
  const fields = tagFields(text)
  if (!fields.some((field) => field.tag === '61') && !fields.some((field) => field.tag === '20')) {
    throw unreadableAt(0, 'file', 'mt940', 'no :20: or :61: tag: not an MT940 statement')
  }
  let accountNo: string | undefined
  let currency: string | null = null
  const lines: BankLineDraft[] = []
  for (const [index, field] of fields.entries()) {
    if (field.tag === '25') accountNo = field.value.split('/').pop()
    if ((field.tag === '60F' || field.tag === '60M') && !currency)
      currency = field.value.slice(7, 10)
    if (field.tag !== '61') continue
    const next = fields[index + 1]
    const details = next?.tag === '86' ? next.value : ''
    lines.push(statementLine(field.value, details, field.lineNo, currency))
  }
  return statementOf('mt940', { accountNo, currency }, lines)
}

interface TagField {
  tag: string
  value: string
  lineNo: number
}

/** The block 4 fields (`:tag:value`, a value may continue on the next lines), header blocks dropped. */
function tagFields(text: string): TagField[] {
  const fields: TagField[] = []
  for (const [index, rawLine] of text.replace(/\r/g, '').split('\n').entries()) {
    const line = rawLine.replace(/^\{[^:]*:?\{?4:/, '').replace(/^\{\d:.*?\}+/, '')
    if (line === '-}' || line === '-' || line.trim() === '') continue
    const tag = line.match(/^:(\d{2}[A-Z]?):(.*)$/)
    if (tag) fields.push({ tag: tag[1], value: tag[2], lineNo: index + 1 })
    else if (fields.length) fields[fields.length - 1].value += `\n${line}`
  }
  return fields
}

const LINE_61 =
  /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+,\d*)([NSF][A-Z0-9]{3})([^\n]*?)(?:\/\/([^\n]*))?(?:\n(.*))?$/s

function statementLine(
  value: string,
  details: string,
  lineNo: number,
  currency: string | null
): BankLineDraft {
  const match = value.match(LINE_61)
  const amount = match ? parseMoneyText(match[5].replace(/,$/, '').replace(',', '.')) : null
  if (!match || !amount || amount.lte(0)) {
    throw unreadableAt(lineNo, ':61:', 'mt940', `unreadable statement line "${value}"`)
  }
  const [, yymmdd, , mark, , , type, customerRef, bankRef, supplementary] = match
  const year = 2000 + Number(yymmdd.slice(0, 2))
  const valueDate = `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`
  const parsed = parseDetails(details)
  const reference =
    bankRef?.trim() || (customerRef && customerRef !== 'NONREF' ? customerRef : null)
  return draftLine({
    valueDate,
    // RC / RD: the reversal of a credit is money going out, and the other way round
    direction: mark === 'C' || mark === 'RD' ? 'credit' : 'debit',
    amount,
    currency,
    bankReference: reference,
    counterpartyName: parsed.name,
    counterpartyAccount: parsed.account,
    memo: [parsed.memo, supplementary],
    raw: { line: value, details, type },
  })
}

/** :86: as name / account / memo. */
function parseDetails(details: string) {
  const flat = details.replace(/\n/g, '')
  if (/^\/[A-Z]{2,4}\//.test(flat)) {
    const parts = new Map<string, string>()
    for (const chunk of flat.split(/(?=\/[A-Z]{2,4}\/)/)) {
      const part = chunk.match(/^\/([A-Z]{2,4})\/(.*)$/s)
      if (part) parts.set(part[1], part[2].trim())
    }
    return {
      name: parts.get('ORDP') ?? parts.get('NAME') ?? parts.get('BENM'),
      account: parts.get('ACC') ?? parts.get('ACCT') ?? parts.get('IBAN'),
      memo: parts.get('REMI') ?? parts.get('PURP'),
    }
  }
  if (/\?\d{2}/.test(flat)) {
    const sub = new Map<string, string>()
    for (const part of flat.matchAll(/\?(\d{2})([^?]*)/g))
      sub.set(part[1], (sub.get(part[1]) ?? '') + part[2])
    const memo = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29']
      .map((k) => sub.get(k) ?? '')
      .join('')
    return { name: `${sub.get('32') ?? ''}${sub.get('33') ?? ''}`, account: sub.get('31'), memo }
  }
  return { name: null, account: null, memo: details.replace(/\n/g, ' ') }
}
