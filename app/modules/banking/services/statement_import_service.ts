import { createHash } from 'node:crypto'
import { Decimal } from 'decimal.js'
import { ApiError, InvalidInput } from '#kernel/errors'
import {
  naturalKeys,
  StatementUnreadable,
  type BankLineDraft,
  type ParsedStatement,
} from '#modules/banking/parsers/bank_line_draft'
import { parseStatement, type StatementProfile } from '#modules/banking/parsers/parse_statement'
import {
  activeBankAccount,
  sameAccountNo,
  type BankAccountRow,
} from '#modules/banking/services/bank_accounts'
import { minorUnitsOf } from '#kernel/money/currencies'
import type { UnitOfWork } from '#kernel/unit_of_work'

export interface StatementUpload {
  bankAccountId: number
  file: Buffer
  fileName: string
  profile?: StatementProfile
}

export interface ImportedStatement {
  statementId: number
  /** true: this very file was imported before; nothing was written */
  alreadyImported: boolean
  profile: string
  lineCount: number
  newLineIds: number[]
}

/**
 * Stores a statement file and its new lines. The file's SHA-256 recognises the same file sent
 * again (nothing written); each line's natural key recognises a line already stored from another
 * file (an overlapping export). Imports into one account queue on an advisory lock, so two uploads
 * of overlapping files never both store a line. A file that does not read writes nothing (422
 * with the row, column, rule and message of every problem).
 */
export class StatementImportService {
  async import(uow: UnitOfWork, upload: StatementUpload): Promise<ImportedStatement> {
    const account = await activeBankAccount(upload.bankAccountId, uow.trx)
    const sha256 = createHash('sha256').update(upload.file).digest('hex')
    await uow.trx.rawQuery('SELECT pg_advisory_xact_lock(hashtext(?))', [
      `bank_account:${account.id}`,
    ])
    const known = await uow.trx
      .from('bank_statements')
      .where({ bank_account_id: account.id, file_sha256: sha256 })
      .first()
    if (known) {
      return {
        statementId: Number(known.id),
        alreadyImported: true,
        profile: known.profile,
        lineCount: known.line_count,
        newLineIds: [],
      }
    }
    const parsed = await parseStatement(upload.file, upload.profile).catch((error) => {
      throw error instanceof StatementUnreadable ? unreadable(error) : error
    })
    checkFits(parsed, account)
    const keys = naturalKeys(parsed.lines)
    const stored = await uow.trx.rawQuery(
      'SELECT line_key FROM bank_lines WHERE bank_account_id = ? AND line_key = ANY(?)',
      [account.id, keys]
    )
    const old = new Set(stored.rows.map((row: { line_key: string }) => row.line_key))
    const fresh = parsed.lines
      .map((line, i) => ({ line, key: keys[i] }))
      .filter((x) => !old.has(x.key))
    const dates = parsed.lines.map((line) => line.valueDate).sort()
    const [statement] = await uow.trx
      .table('bank_statements')
      .insert({
        bank_account_id: account.id,
        file_name: upload.fileName.slice(0, 255),
        file_sha256: sha256,
        profile: parsed.profile,
        line_count: parsed.lines.length,
        new_line_count: fresh.length,
        period_from: dates[0] ?? null,
        period_to: dates[dates.length - 1] ?? null,
        imported_by: uow.actor.userId,
      })
      .returning(['id'])
    const newLineIds = await insertLines(uow, account, Number(statement.id), fresh)
    uow.audit({
      entityType: 'bank_statement',
      entityId: statement.id,
      action: 'import',
      after: {
        bankAccountId: account.id,
        fileName: upload.fileName,
        sha256,
        profile: parsed.profile,
        lineCount: parsed.lines.length,
        newLineCount: fresh.length,
      },
    })
    return {
      statementId: Number(statement.id),
      alreadyImported: false,
      profile: parsed.profile,
      lineCount: parsed.lines.length,
      newLineIds,
    }
  }
}

async function insertLines(
  uow: UnitOfWork,
  account: BankAccountRow,
  statementId: number,
  fresh: Array<{ line: BankLineDraft; key: string }>
): Promise<number[]> {
  if (fresh.length === 0) return []
  const rows = fresh.map(({ line, key }) => ({
    line_key: key,
    value_date: line.valueDate,
    booked_at: line.bookedAt,
    direction: line.direction,
    amount: line.amount,
    currency: line.currency ?? account.currency,
    bank_reference: line.bankReference,
    counterparty_name: line.counterpartyName,
    counterparty_account: line.counterpartyAccount,
    memo: line.memo,
    raw: line.raw,
  }))
  const result = await uow.trx.rawQuery(
    `INSERT INTO bank_lines (bank_account_id, statement_id, line_key, value_date, booked_at, direction,
                             amount, currency, bank_reference, counterparty_name, counterparty_account,
                             memo, raw)
     SELECT ?, ?, r.line_key, r.value_date, r.booked_at, r.direction, r.amount, r.currency,
            r.bank_reference, r.counterparty_name, r.counterparty_account, r.memo, r.raw
       FROM jsonb_to_recordset(?::jsonb) AS r(line_key text, value_date date, booked_at text,
            direction text, amount numeric, currency text, bank_reference text,
            counterparty_name text, counterparty_account text, memo text, raw jsonb)
     ORDER BY r.value_date
     RETURNING id`,
    [account.id, statementId, JSON.stringify(rows)]
  )
  return result.rows.map((row: { id: string }) => Number(row.id))
}

/** The file must be this account's: its account number (when it names one) and currency. */
function checkFits(parsed: ParsedStatement, account: BankAccountRow) {
  if (parsed.accountNo && !sameAccountNo(parsed.accountNo, account.account_no)) {
    throw new InvalidInput(
      'file',
      'account_mismatch',
      `the statement is for account ${parsed.accountNo}, not ${account.account_no}`
    )
  }
  const minor = minorUnitsOf(account.currency)
  for (const [index, line] of parsed.lines.entries()) {
    const currency = line.currency ?? account.currency
    if (currency !== account.currency) {
      throw new InvalidInput(
        'file',
        'currency_mismatch',
        `line ${index + 1} is in ${currency}, the account in ${account.currency}`
      )
    }
    if (new Decimal(line.amount).decimalPlaces() > minor) {
      throw new InvalidInput(
        'file',
        'decimals',
        `line ${index + 1}: ${line.amount} has more than ${minor} decimals`
      )
    }
  }
  if (parsed.lines.length === 0)
    throw new InvalidInput('file', 'empty_statement', 'the file holds no statement lines')
}

/** 422 listing every unreadable row (row, column, rule, message). */
function unreadable(error: StatementUnreadable): ApiError {
  return new ApiError(
    422,
    error.problems.slice(0, 100).map((problem) => ({
      field: 'file',
      rule: problem.rule,
      message: problem.row
        ? `row ${problem.row}, ${problem.column}: ${problem.message}`
        : problem.message,
      meta: { row: problem.row, column: problem.column },
    }))
  )
}
