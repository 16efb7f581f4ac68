import type { ActionContext, ResourceWithOptions } from 'adminjs'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import vine from '@vinejs/vine'
import { InvalidInput } from '#kernel/errors'
import { BankLineActions } from '#modules/banking/services/bank_line_actions'
import { ignoreLineValidator } from '#modules/banking/validators/banking_validators'
import { formHandler, type FormDone } from '#modules/admin/panel/form_action'
import {
  reconciliationAction,
  uploadStatementAction,
} from '#modules/admin/resources/bank_file_actions'
import { allows, can, type PanelUser } from '#modules/admin/panel/panel_user'
import type { DashboardSection, PanelModule } from '#modules/admin/panel/registry'
import {
  amountColumn,
  dateColumn,
  labelled,
  showUrl,
  tableResource,
} from '#modules/admin/panel/resource_helpers'
import type { ColumnSpec } from '#modules/admin/panel/sql_resource'

const nav = { name: 'bank', icon: 'DollarSign' }
const STATUSES = ['unmatched', 'suggested', 'matched', 'ignored'] as const
const STATUS_LABELS: Record<string, string> = {
  unmatched: '未匹配 · unmatched',
  suggested: '待确认 · suggested',
  matched: '已匹配 · matched',
  ignored: '非预收款 · not a prepayment',
}

/** The best suggestion of a line, in one line of text (customer, reason, confidence). */
const BEST_SUGGESTION = `(SELECT c.code || ' ' || c.name || ' · ' || s.reason || ' ' || s.confidence::text
   FROM bank_match_suggestions s JOIN customers c ON c.id = s.customer_id
  WHERE s.bank_line_id = bank_lines.id ORDER BY s.confidence DESC, s.id LIMIT 1)`

const lineColumns: ColumnSpec[] = [
  { name: 'id', type: 'number', sortable: true },
  dateColumn('valueDate', 'bank_lines.value_date', true),
  { name: 'direction', sql: 'bank_lines.direction', filter: 'exact' },
  amountColumn('amount', 'bank_lines.amount'),
  { name: 'currency', sql: 'bank_lines.currency' },
  { name: 'counterpartyName', sql: 'bank_lines.counterparty_name', isTitle: true },
  { name: 'counterpartyAccount', sql: 'bank_lines.counterparty_account', filter: 'exact' },
  { name: 'memo', sql: 'bank_lines.memo' },
  { name: 'bankReference', sql: 'bank_lines.bank_reference', filter: 'exact' },
  { name: 'status', sql: 'bank_lines.status', filter: 'exact' },
  { name: 'bestSuggestion', sql: BEST_SUGGESTION },
  { name: 'statusNote', sql: 'bank_lines.status_note' },
  {
    name: 'bankAccountId',
    sql: 'bank_lines.bank_account_id',
    reference: 'bank_accounts',
    filter: 'exact',
  },
  {
    name: 'statementId',
    sql: 'bank_lines.statement_id',
    reference: 'bank_statements',
    filter: 'exact',
  },
  { name: 'suggestionId', virtual: true },
  { name: 'customerId', virtual: true },
  { name: 'partsJson', type: 'textarea', virtual: true },
  { name: 'reason', virtual: true },
]

const actions = () => app.container.make(BankLineActions)
const open = ({ currentAdmin, record }: ActionContext) =>
  Boolean(
    record &&
    ['unmatched', 'suggested'].includes(record.params.status) &&
    can(currentAdmin as PanelUser | undefined, 'bank.match')
  )
const lineDone =
  (message: string) =>
  (_result: unknown, context: ActionContext): FormDone => ({
    redirectUrl: showUrl(context, 'bank_lines', context.record!.id()),
    message,
  })

const confirmForm = vine.compile(
  vine.object({
    suggestionId: vine.number().positive().optional(),
    customerId: vine.number().positive().optional(),
  })
)

/** `partsJson`: [{"customerId": 1, "amount": "600.00"}, …] as typed on the form. */
const splitForm = vine.compile(vine.object({ partsJson: vine.string().trim().minLength(2) }))

function parts(json: string) {
  try {
    const parsed = JSON.parse(json)
    if (!Array.isArray(parsed) || parsed.length < 2) throw new Error('two parts or more')
    return parsed.map((part: any) => ({
      customerId: Number(part.customerId),
      projectId: part.projectId ? Number(part.projectId) : null,
      amount: String(part.amount),
    }))
  } catch {
    throw new InvalidInput(
      'partsJson',
      'json',
      '[{"customerId": 1, "amount": "600.00"}, …], two parts or more'
    )
  }
}

function lineAction(icon: string, fields: Array<{ name: string; type?: string }>, handler: any) {
  return {
    actionType: 'record',
    icon,
    component: 'ActionForm',
    custom: { fields },
    isAccessible: allows('bank.match'),
    isVisible: open,
    handler,
  }
}

function bankResources(): ResourceWithOptions[] {
  return [
    tableResource(
      { id: 'bank_lines', table: 'bank_lines', big: true, columns: lineColumns },
      'bank.read',
      {
        navigation: nav,
        sort: { sortBy: 'id', direction: 'desc' },
        listProperties: [
          'id',
          'valueDate',
          'direction',
          'amount',
          'counterpartyName',
          'memo',
          'status',
          'bestSuggestion',
        ],
        showProperties: lineColumns.filter((c) => !c.virtual).map((c) => c.name),
        filterProperties: [
          'status',
          'direction',
          'valueDate',
          'bankAccountId',
          'statementId',
          'counterpartyAccount',
          'bankReference',
        ],
        properties: { status: labelled(STATUSES, STATUS_LABELS) },
        actions: {
          confirm: lineAction(
            'CheckCircle',
            [{ name: 'suggestionId' }, { name: 'customerId' }],
            formHandler({
              permission: 'bank.match',
              validator: confirmForm,
              run: async (uow, input, _user, context) => {
                const lineId = Number(context.record!.id())
                if (input.suggestionId === undefined && input.customerId === undefined) {
                  const best = await uow.trx
                    .from('bank_match_suggestions')
                    .where('bank_line_id', lineId)
                    .orderBy([{ column: 'confidence', order: 'desc' }, { column: 'id' }])
                    .first()
                  if (!best)
                    throw new InvalidInput(
                      'customerId',
                      'required',
                      '无建议：请填写客户 / no suggestion: name the customer'
                    )
                  input.suggestionId = Number(best.id)
                }
                const service = await actions()
                return service.confirm(uow, lineId, input)
              },
              done: lineDone('bankLineConfirmed'),
            })
          ),
          split: lineAction(
            'Share2',
            [{ name: 'partsJson', type: 'textarea' }],
            formHandler({
              permission: 'bank.match',
              validator: splitForm,
              run: async (uow, input, _user, context) => {
                const service = await actions()
                return service.split(uow, Number(context.record!.id()), parts(input.partsJson))
              },
              done: lineDone('bankLineSplit'),
            })
          ),
          ignore: lineAction(
            'XCircle',
            [{ name: 'reason', type: 'textarea' }],
            formHandler({
              permission: 'bank.match',
              validator: ignoreLineValidator,
              run: async (uow, input, _user, context) => {
                const service = await actions()
                return service.ignore(uow, Number(context.record!.id()), input.reason)
              },
              done: lineDone('bankLineIgnored'),
            })
          ),
        },
      }
    ),
    tableResource(
      {
        id: 'bank_statements',
        table: 'bank_statements',
        columns: [
          { name: 'id', type: 'number', sortable: true },
          {
            name: 'bankAccountId',
            sql: 'bank_statements.bank_account_id',
            reference: 'bank_accounts',
            filter: 'exact',
          },
          { name: 'fileName', sql: 'bank_statements.file_name', isTitle: true },
          { name: 'profile', sql: 'bank_statements.profile' },
          { name: 'lineCount', sql: 'bank_statements.line_count', type: 'number' },
          { name: 'newLineCount', sql: 'bank_statements.new_line_count', type: 'number' },
          { name: 'fileSha256', sql: 'bank_statements.file_sha256' },
          { name: 'importedBy', sql: 'bank_statements.imported_by', reference: 'users' },
        ],
      },
      'bank.read',
      {
        navigation: nav,
        sort: { sortBy: 'id', direction: 'desc' },
        actions: { uploadStatement: uploadStatementAction },
      }
    ),
    tableResource(
      {
        id: 'bank_accounts',
        table: 'bank_accounts',
        columns: [
          { name: 'id', type: 'number', sortable: true },
          { name: 'name', sql: 'bank_accounts.name', isTitle: true },
          { name: 'bankName', sql: 'bank_accounts.bank_name' },
          { name: 'accountNo', sql: 'bank_accounts.account_no' },
          { name: 'currency', sql: 'bank_accounts.currency' },
          { name: 'channel', sql: 'bank_accounts.channel' },
        ],
      },
      'bank.read',
      {
        navigation: nav,
        actions: { reconciliation: reconciliationAction },
      }
    ),
  ]
}

/** The dashboard card: bank money no receipt accounts for yet (the work queue's size). */
async function openBankLines(user: PanelUser): Promise<DashboardSection[]> {
  if (!can(user, 'bank.read')) return []
  const rows = await db.rawQuery(
    `SELECT currency, count(*) AS n, sum(amount) AS total FROM bank_lines
      WHERE status IN ('unmatched', 'suggested') AND direction = 'credit' GROUP BY currency ORDER BY currency`
  )
  const en = user.locale === 'en'
  return [
    {
      key: 'openBankLines',
      title: en ? 'Bank credits to match' : '待匹配银行流水',
      count: rows.rows.reduce((sum: number, row: any) => sum + Number(row.n), 0),
      items: rows.rows.map((row: any) => ({
        label: row.currency,
        value: `${row.n} · ${row.total}`,
        href: '/admin/resources/bank_lines?filters.status=suggested',
      })),
    },
  ]
}

const zh = {
  labels: {
    bank_lines: '银行流水',
    bank_statements: '对账单文件',
    bank_accounts: '银行账户',
    bank: '银行对账',
  },
  actions: {
    confirm: '确认匹配',
    split: '拆分',
    ignore: '非预收款',
    uploadStatement: '上传对账单',
    reconciliation: '对账报表',
  },
  messages: {
    bankLineConfirmed: '已确认到账',
    bankLineSplit: '已拆分入账',
    bankLineIgnored: '已标记为非预收款',
  },
  properties: {
    valueDate: '交易日期',
    direction: '收/支',
    counterpartyName: '对方户名',
    counterpartyAccount: '对方账号',
    memo: '摘要/附言',
    bankReference: '流水号',
    bestSuggestion: '建议（客户 · 依据 · 置信度）',
    statusNote: '说明',
    suggestionId: '建议编号（留空取最佳建议）',
    customerId: '客户编号',
    partsJson: '拆分（JSON：[{"customerId":1,"amount":"600.00"}, …]）',
    reason: '原因',
    fileName: '文件名',
    profile: '格式',
    lineCount: '行数',
    newLineCount: '新增行数',
    fileSha256: 'SHA-256',
    importedBy: '导入人',
    bankName: '开户行',
    accountNo: '账号',
    channel: '渠道',
  },
}

const en = {
  labels: {
    bank_lines: 'Bank lines',
    bank_statements: 'Statement files',
    bank_accounts: 'Bank accounts',
    bank: 'Bank reconciliation',
  },
  actions: {
    confirm: 'Confirm match',
    split: 'Split',
    ignore: 'Not a prepayment',
    uploadStatement: 'Upload statement',
    reconciliation: 'Reconciliation report',
  },
  messages: {
    bankLineConfirmed: 'Receipt confirmed',
    bankLineSplit: 'Line split into receipts',
    bankLineIgnored: 'Marked not a prepayment',
  },
  properties: {
    valueDate: 'Value date',
    direction: 'Direction',
    counterpartyName: 'Counterparty',
    counterpartyAccount: 'Counterparty account',
    memo: 'Memo',
    bankReference: 'Bank reference',
    bestSuggestion: 'Suggestion (customer · reason · confidence)',
    statusNote: 'Note',
    suggestionId: 'Suggestion id (blank: the best)',
    customerId: 'Customer id',
    partsJson: 'Parts (JSON: [{"customerId":1,"amount":"600.00"}, …])',
    reason: 'Reason',
    fileName: 'File',
    profile: 'Format',
    lineCount: 'Lines',
    newLineCount: 'New lines',
    fileSha256: 'SHA-256',
    importedBy: 'Imported by',
    bankName: 'Bank',
    accountNo: 'Account no.',
    channel: 'Channel',
  },
}

/** Bank reconciliation (银行对账): the work queue of statement lines, statement files, accounts. */
export const bankPanel: PanelModule = {
  name: 'bank',
  resources: bankResources,
  translations: { 'zh-CN': zh, 'en': en },
  dashboard: openBankLines,
}
