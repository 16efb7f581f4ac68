import { csvDocument } from '#kernel/csv'
import { addSheetRow, amountCell } from '#kernel/spreadsheet'
import type { ReconciliationReport } from '#modules/banking/services/reconciliation_service'

/**
 * The reconciliation report as a file: the same figures as the JSON, through the shared spreadsheet
 * encoder (amounts are numbers, names and memos neutralised: a payer calling itself "=HYPERLINK(…)"
 * is text). One layout for every section, so the CSV is one table (a section column) and the XLSX
 * one sheet per section with the same header.
 */
export const RECONCILIATION_HEADER = [
  '部分 Section',
  '项目 Item',
  '日期 Date',
  '笔数 Count',
  '金额 Amount',
  '未对金额 Open amount',
  '对方户名/客户 Name',
  '对方账号 Account',
  '摘要 Memo',
  '状态 Status',
  '账龄(天) Age (days)',
] as const

type Cells = unknown[]
interface Section {
  sheet: string
  title: string
  rows: Cells[]
}

const amount = (value: string | null | undefined) =>
  value === null || value === undefined ? null : amountCell(value)

function summary(report: ReconciliationReport): Section {
  const title = '汇总 Summary'
  const line = (item: string, count: number | null, total: string, open: string | null = null) => [
    title,
    item,
    null,
    count,
    amount(total),
    amount(open),
  ]
  const rows: Cells[] = [
    [
      title,
      `账户 Account`,
      null,
      null,
      null,
      null,
      report.bankAccount.name,
      report.bankAccount.accountNo,
      report.bankAccount.currency,
    ],
    [
      title,
      `期间 Period`,
      `${report.period.from} ~ ${report.period.to}`,
      null,
      null,
      null,
      null,
      null,
      `截至 as of ${report.asOf}`,
    ],
    line('银行收入 Bank credits', report.bank.credits.count, report.bank.credits.total),
    line('其中已匹配 of which matched', null, report.bank.credits.matched),
    line('银行支出 Bank debits', report.bank.debits.count, report.bank.debits.total),
    line('其中已匹配 of which matched', null, report.bank.debits.matched),
  ]
  const parts = [
    ['未登记银行收入 Unregistered bank credits', report.unregisteredCredits],
    ['无银行流水的收款 Receipts without a bank line', report.receiptsWithoutBankLine],
    ['未匹配银行支出 Unmatched bank debits', report.unmatchedDebits],
    ['无银行流水的退款 Refunds without a bank line', report.refundsWithoutBankLine],
  ] as const
  for (const [name, part] of parts) {
    if (!part) continue
    rows.push(line(name, part.count, part.total))
    for (const age of part.ageing)
      rows.push(line(`${name} · 账龄 ageing ${age.bucket}`, null, age.amount))
  }
  rows.push(line('未对账金额 Unreconciled amount', null, report.unreconciledAmount))
  return { sheet: '汇总 Summary', title, rows }
}

type BankLineRow = ReconciliationReport['unmatchedDebits']['rows'][number]
type JournalRow = ReconciliationReport['receiptsWithoutBankLine']['rows'][number]

/** A bank line's cells after the section column: its open amount beside the full amount. */
const bankLineCells = (r: BankLineRow): Cells => [
  `#${r.id}`,
  r.valueDate,
  null,
  amountCell(r.amount),
  amountCell(r.openAmount),
  r.counterpartyName,
  r.counterpartyAccount,
  r.memo,
  r.status,
  r.ageDays,
]

/** A journal no bank line shows: all of it is open; its confirmation stands as the status. */
const journalCells = (r: JournalRow): Cells => [
  r.journalNo,
  r.entryDate,
  null,
  amountCell(r.amount),
  amountCell(r.amount),
  r.customerName,
  null,
  null,
  r.confirmation,
  r.ageDays,
]

/** A list's section: each row starts with the title, so the one-table CSV says which list it is in. */
function listSection<R>(
  sheet: string,
  title: string,
  rows: R[],
  cells: (row: R) => Cells
): Section {
  return { sheet, title, rows: rows.map((r) => [title, ...cells(r)]) }
}

function sections(report: ReconciliationReport): Section[] {
  const all = [
    summary(report),
    listSection(
      '未登记收入 Unregistered',
      '未登记银行收入 Unregistered bank credits',
      report.unregisteredCredits.rows,
      bankLineCells
    ),
    listSection(
      '无流水收款 No bank line',
      '无银行流水的收款 Receipts without a bank line',
      report.receiptsWithoutBankLine.rows,
      journalCells
    ),
    listSection(
      '未匹配支出 Unmatched debits',
      '未匹配银行支出 Unmatched bank debits',
      report.unmatchedDebits.rows,
      bankLineCells
    ),
  ]
  if (report.refundsWithoutBankLine) {
    all.push(
      listSection(
        '无流水退款 Refunds',
        '无银行流水的退款 Refunds without a bank line',
        report.refundsWithoutBankLine.rows,
        journalCells
      )
    )
  }
  return all
}

export function reconciliationCsv(report: ReconciliationReport): Buffer {
  return Buffer.from(
    csvDocument(
      RECONCILIATION_HEADER,
      sections(report).flatMap((s) => s.rows)
    ),
    'utf8'
  )
}

export async function reconciliationXlsx(report: ReconciliationReport): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  const decimals = report.bank.credits.total.split('.')[1]?.length ?? 0
  const format = decimals ? `#,##0.${'0'.repeat(decimals)}` : '#,##0'
  const formats = RECONCILIATION_HEADER.map((_h, i) => (i === 4 || i === 5 ? format : undefined))
  for (const section of sections(report)) {
    const sheet = workbook.addWorksheet(section.sheet)
    addSheetRow(sheet, [...RECONCILIATION_HEADER])
    for (const row of section.rows) addSheetRow(sheet, row, formats)
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
