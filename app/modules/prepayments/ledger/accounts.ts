/**
 * The chart of accounts the ledger posts to (codes follow the PRC enterprise chart of accounts, so
 * vouchers import into 用友/金蝶 without mapping). The customer's advance balance lives on 2203.
 */
export const ACCOUNTS = {
  cash: '1001',
  bank: '1002',
  otherMonetaryFunds: '1012',
  accountsReceivable: '1122',
  customerAdvances: '2203',
  revenue: '6001',
  advanceAdjustments: '6711',
  // 汇兑损益: the ledger's SQL posts it (ledger_post's third line); named here for readers
  exchangeGainLoss: '6603',
} as const

export type AccountCode = (typeof ACCOUNTS)[keyof typeof ACCOUNTS]

export const LEDGER_ACCOUNTS = [
  { code: ACCOUNTS.cash, name_zh: '库存现金', name_en: 'Cash on hand', type: 'asset' },
  { code: ACCOUNTS.bank, name_zh: '银行存款', name_en: 'Bank deposits', type: 'asset' },
  {
    code: ACCOUNTS.otherMonetaryFunds,
    name_zh: '其他货币资金',
    name_en: 'Other monetary funds (WeChat Pay, Alipay)',
    type: 'asset',
  },
  {
    code: ACCOUNTS.accountsReceivable,
    name_zh: '应收账款',
    name_en: 'Accounts receivable',
    type: 'asset',
  },
  {
    code: ACCOUNTS.customerAdvances,
    name_zh: '预收账款',
    name_en: 'Customer advances',
    type: 'liability',
  },
  { code: ACCOUNTS.revenue, name_zh: '主营业务收入', name_en: 'Revenue', type: 'income' },
  {
    code: ACCOUNTS.advanceAdjustments,
    name_zh: '预收款调整',
    name_en: 'Advance adjustments',
    type: 'expense',
  },
  {
    code: ACCOUNTS.exchangeGainLoss,
    name_zh: '财务费用—汇兑损益',
    name_en: 'Finance costs: exchange gain/loss',
    type: 'expense',
  },
] as const

export const CHANNELS = ['bank_transfer', 'wechat', 'alipay', 'cash', 'cheque', 'other'] as const
export type Channel = (typeof CHANNELS)[number]

export const DOCUMENT_TYPES = ['invoice', 'order', 'delivery'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

export const JOURNAL_KINDS = [
  'receipt',
  'application',
  'refund',
  'adjustment',
  'reversal',
  'opening',
  // 期末汇兑重估: base-only, posted by fx_revalue_period (database/sql/fx_revaluation.sql)
  'revaluation',
  // 反核销: gives back part or all of an application (database/sql/documents.sql)
  'unapplication',
] as const
export type JournalKind = (typeof JOURNAL_KINDS)[number]

/** Where money received through a channel sits. */
export function fundsAccountFor(channel: Channel): AccountCode {
  if (channel === 'cash') return ACCOUNTS.cash
  if (channel === 'wechat' || channel === 'alipay') return ACCOUNTS.otherMonetaryFunds
  return ACCOUNTS.bank
}

/** Where an application (核销) settles: an invoice clears a receivable, an order or delivery is revenue. */
export function applicationAccountFor(documentType: DocumentType): AccountCode {
  return documentType === 'invoice' ? ACCOUNTS.accountsReceivable : ACCOUNTS.revenue
}
