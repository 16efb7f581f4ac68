import type { FieldSpec, MappingProfile } from '#kernel/tabular/index'

export const IMPORT_KINDS = [
  'customers',
  'projects',
  'installments',
  'opening',
  'receipts',
  'applications',
  'refunds',
  'documents',
] as const
export type ImportKindName = (typeof IMPORT_KINDS)[number]

/** The row key of a historical movement: a row whose reference was imported before is skipped. */
const EXTERNAL_REF: FieldSpec = {
  field: 'externalRef',
  aliases: ['外部单号', '原单号', 'external reference', 'external ref'],
  required: true,
}

/** Columns several imports share: one header list each, so a header means the same everywhere. */
const CUSTOMER_CODE: FieldSpec = {
  field: 'customerCode',
  aliases: ['客户编码', 'customer code'],
  required: true,
}
const PROJECT_CODE: FieldSpec = { field: 'projectCode', aliases: ['项目编码', 'project code'] }
const CURRENCY: FieldSpec = { field: 'currency', aliases: ['币种', 'currency'], required: true }
const MEMO: FieldSpec = { field: 'memo', aliases: ['备注', 'memo'] }

/** Whose money a movement is: customer, optionally project, and currency. */
const SCOPE: FieldSpec[] = [CUSTOMER_CODE, PROJECT_CODE, CURRENCY]

/** The amount and date of a historical movement, with the words finance uses for its kind. */
function amountAndDate(amount: string, date: string): FieldSpec[] {
  return [
    { field: 'amount', aliases: [amount, '金额', 'amount'], required: true },
    { field: 'entryDate', aliases: [date, '入账日期', 'entry date', 'date'], required: true },
  ]
}

/** 单据 (invoices, orders, delivery notes) — issue 19. */
const DOCUMENTS_PROFILE: MappingProfile = {
  name: 'documents',
  fields: [
    CUSTOMER_CODE,
    PROJECT_CODE,
    { field: 'kind', aliases: ['单据类型', 'document type', 'kind'], required: true },
    {
      field: 'number',
      aliases: ['单据号', '发票号', 'document no', 'document number', 'number'],
      required: true,
    },
    { field: 'amount', aliases: ['金额', '单据金额', 'amount'], required: true },
    CURRENCY,
    {
      field: 'documentDate',
      aliases: ['单据日期', '开票日期', 'document date', 'date'],
      required: true,
    },
    { field: 'dueDate', aliases: ['到期日', 'due date'] },
    MEMO,
  ],
}

/**
 * The columns of each import, in template order. The first alias is the template's zh-CN header;
 * the English ones (and the field name itself) are accepted too.
 */
export const PROFILES: Record<ImportKindName, MappingProfile> = {
  customers: {
    name: 'customers',
    fields: [
      { field: 'code', aliases: ['客户编码', 'customer code'], required: true },
      { field: 'name', aliases: ['客户名称', 'customer name'], required: true },
      { field: 'defaultCurrency', aliases: ['币种', '默认币种', 'currency'], required: true },
      { field: 'creditLimit', aliases: ['信用额度', 'credit limit'] },
      { field: 'lowBalanceThreshold', aliases: ['余额预警线', 'low balance threshold'] },
      { field: 'salesOwner', aliases: ['销售负责人', 'sales owner', 'sales owner email'] },
      { field: 'department', aliases: ['部门', 'department'] },
      { field: 'contactEmail', aliases: ['联系邮箱', 'contact email', 'email'] },
    ],
  },
  projects: {
    name: 'projects',
    fields: [
      CUSTOMER_CODE,
      { field: 'code', aliases: ['项目编码', 'project code'], required: true },
      { field: 'name', aliases: ['项目名称', 'project name'], required: true },
      { field: 'currency', aliases: ['币种', 'currency'] },
      { field: 'contractAmount', aliases: ['合同金额', 'contract amount'] },
    ],
  },
  installments: {
    name: 'installments',
    fields: [
      CUSTOMER_CODE,
      { ...PROJECT_CODE, required: true },
      { field: 'dueDate', aliases: ['到期日', '计划收款日', 'due date'], required: true },
      { field: 'amount', aliases: ['金额', '计划金额', 'amount'], required: true },
      { field: 'label', aliases: ['期次', '说明', 'label'] },
    ],
  },
  opening: {
    name: 'opening',
    fields: [
      ...SCOPE,
      {
        field: 'amount',
        aliases: ['期初余额', '金额', 'opening balance', 'amount'],
        required: true,
      },
      MEMO,
    ],
  },
  receipts: {
    name: 'receipts',
    fields: [
      EXTERNAL_REF,
      ...SCOPE,
      { field: 'amount', aliases: ['金额', '收款金额', 'amount'], required: true },
      {
        field: 'entryDate',
        aliases: ['入账日期', '收款日期', 'entry date', 'date'],
        required: true,
      },
      { field: 'channel', aliases: ['收款方式', 'channel'] },
      { field: 'bankReference', aliases: ['银行流水号', '流水号', 'bank reference'] },
      MEMO,
    ],
  },
  applications: {
    name: 'applications',
    fields: [
      EXTERNAL_REF,
      ...SCOPE,
      ...amountAndDate('核销金额', '核销日期'),
      {
        field: 'documentType',
        aliases: ['单据类型', 'document type'],
        required: true,
      },
      {
        field: 'documentNo',
        aliases: ['单据号', '发票号', 'document no', 'document number'],
        required: true,
      },
      MEMO,
    ],
  },
  refunds: {
    name: 'refunds',
    fields: [
      EXTERNAL_REF,
      ...SCOPE,
      ...amountAndDate('退款金额', '退款日期'),
      { field: 'reason', aliases: ['退款原因', '原因', 'reason'], required: true },
      MEMO,
    ],
  },
  documents: DOCUMENTS_PROFILE,
}

/** The header a field has in the template (its zh-CN name), for error reports. */
export function columnName(kind: ImportKindName, field: string | null): string | null {
  if (!field) return null
  const spec = PROFILES[kind].fields.find((f) => f.field === field)
  return spec ? spec.aliases[0] : field
}

/** Receipt channels as finance staff write them. */
export const CHANNEL_NAMES: Record<string, string> = {
  银行转账: 'bank_transfer',
  转账: 'bank_transfer',
  银行: 'bank_transfer',
  微信: 'wechat',
  微信支付: 'wechat',
  支付宝: 'alipay',
  现金: 'cash',
  支票: 'cheque',
  其他: 'other',
}

/** Document types of an application (核销) as finance staff write them. */
export const DOCUMENT_TYPE_NAMES: Record<string, string> = {
  发票: 'invoice',
  订单: 'order',
  发货: 'delivery',
  发货单: 'delivery',
  交付: 'delivery',
}
