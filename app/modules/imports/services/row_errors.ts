import { columnName, type ImportKindName } from '#modules/imports/kinds/profiles'

/** One rejected cell or row: where (Excel row, column header), which rule, and why in zh-CN and en. */
export interface RowError {
  row: number
  column: string | null
  field: string | null
  rule: string
  message: string
  messageEn: string
}

type Facts = Record<string, string | number | null | undefined>

/** The message of each rule, zh-CN then English; {name} is replaced by the fact of that name. */
const MESSAGES: Record<string, [string, string]> = {
  required: ['{column}不能为空', '{column} is required'],
  format: ['{column}格式不正确：{value}', '{column} is not valid: {value}'],
  decimal: [
    '{column}须为金额，如 1200.50：{value}',
    '{column} must be an amount such as 1200.50: {value}',
  ],
  decimalPlaces: [
    '{column}小数位超过币种允许的位数：{value}',
    '{column} has more decimal places than its currency allows: {value}',
  ],
  positive: ['{column}不能为负数', '{column} must not be negative'],
  notZero: ['{column}不能为零', '{column} must not be zero'],
  max: ['{column}超过单笔最大金额', '{column} exceeds the largest amount one entry may carry'],
  date: ['{column}须为日期 YYYY-MM-DD：{value}', '{column} must be a date YYYY-MM-DD: {value}'],
  notFuture: ['{column}不能是未来日期：{value}', '{column} must not be in the future: {value}'],
  currency: ['不支持的币种：{value}', 'unknown currency: {value}'],
  channel: ['未知的收款方式：{value}', 'unknown channel: {value}'],
  customer_missing: ['客户编码不存在：{value}', 'no customer has code {value}'],
  customer_forbidden: ['无权操作该客户：{value}', 'you may not act on customer {value}'],
  customer_inactive: [
    '客户已停用，不能登记收款：{value}',
    'customer {value} is inactive; it takes no receipts',
  ],
  project_missing: ['该客户下没有此项目编码：{value}', 'the customer has no project {value}'],
  user_missing: ['销售负责人不存在或已停用：{value}', 'no active user {value}'],
  duplicate_in_file: ['与第 {first} 行重复：{value}', 'duplicates row {first}: {value}'],
  duplicate_receipt: [
    '银行流水号已登记在凭证 {journalNo}：{value}',
    'bank reference {value} is already registered on {journalNo}',
  ],
  period_closed: ['会计期间 {period} 已结账', 'accounting period {period} is closed'],
  before_books_start: [
    '日期早于账套启用日期 {booksStart}',
    'the date is before the books start {booksStart}',
  ],
  exchange_rate_missing: [
    '{value} 在 {date} 及之前没有汇率',
    'no exchange rate for {value} on or before {date}',
  ],
  opening_exists: [
    '该客户×币种×项目已有期初余额（凭证 {journalNo}），需先红冲',
    'this customer × currency × project already has an opening balance ({journalNo}); reverse it first',
  ],
  insufficient_balance: [
    '金额超过可用余额（可用 {available} {currency}）',
    'amount exceeds what is available ({available} {currency})',
  ],
  unconfirmed_funds: [
    '金额超过已确认到账的可用余额（可用 {available} {currency}，待到账确认 {unconfirmed}）',
    'amount exceeds the confirmed money available ({available} {currency}; {unconfirmed} awaits 到账确认)',
  ],
  too_long: [
    '{column}过长（最多 {max} 个字符）',
    '{column} is too long (at most {max} characters)',
  ],
  invalid: [
    '{column}不符合规则（{detail}）：{value}',
    '{column} breaks a rule ({detail}): {value}',
  ],
  missing_column: ['缺少必填列：{column}', 'a required column is missing: {column}'],
  duplicate_column: ['列重复：{column}', 'the column appears twice: {column}'],
  no_header: ['找不到表头行（请使用模板）', 'no header row found (use the template)'],
  no_rows: ['文件没有数据行', 'the file has no data rows'],
  document_overapplied: [
    '金额超出单据 {documentNo} 的未核销金额（{openAmount} {currency}）',
    'amount exceeds the open amount of document {documentNo} ({openAmount} {currency})',
  ],
}

function fill(template: string, facts: Facts) {
  return template.replace(/\{(\w+)\}/g, (_m, name) => String(facts[name] ?? ''))
}

/** The errors of one run. All are counted; the first `keep` are kept for the job and its report. */
export class RowErrors {
  readonly list: RowError[] = []
  readonly rows = new Set<number>()
  count = 0

  constructor(
    private kind: ImportKindName,
    private keep = 10_000
  ) {}

  add(row: number, field: string | null, rule: string, facts: Facts = {}) {
    this.count++
    this.rows.add(row)
    if (this.list.length >= this.keep) return
    const column = columnName(this.kind, field)
    const all = { column: column ?? '', ...facts }
    const [zh, en] = MESSAGES[rule] ?? MESSAGES.invalid
    this.list.push({ row, column, field, rule, message: fill(zh, all), messageEn: fill(en, all) })
  }

  get any() {
    return this.count > 0
  }
}
