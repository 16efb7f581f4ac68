import type { MappingProfile, TabularOptions } from '#kernel/tabular/index'

/**
 * Column profiles of CSV/XLSX statements. One vocabulary covers the generic layout and the Chinese
 * bank exports (工行/建行/招行/农行 shapes: 交易日期 + 交易时间, 借方/贷方发生额 or 收入/支出金额,
 * 对方户名, 对方账号, 摘要 + 附言/用途, 流水号); WeChat Pay and Alipay bills add their own reading
 * options (summary lines before the header, totals after, backticks, GBK).
 */
const FIELDS: MappingProfile['fields'] = [
  {
    field: 'date',
    aliases: [
      '交易日期',
      '记账日期',
      '交易日',
      '入账日期',
      '日期',
      '发生时间',
      '记账时间',
      'date',
      'booking date',
      'value date',
    ],
  },
  { field: 'time', aliases: ['交易时间', 'time', 'transaction time'] },
  {
    field: 'credit',
    aliases: [
      '贷方金额',
      '贷方',
      '贷方发生额',
      '贷方发生额(收入)',
      '收入金额',
      '收入',
      '存入金额',
      '收入金额(+元)',
      'credit',
      'credit amount',
    ],
  },
  {
    field: 'debit',
    aliases: [
      '借方金额',
      '借方',
      '借方发生额',
      '借方发生额(支取)',
      '支出金额',
      '支出',
      '支取金额',
      '支出金额(-元)',
      'debit',
      'debit amount',
    ],
  },
  { field: 'amount', aliases: ['金额', '交易金额', '发生额', '收支金额', 'amount'] },
  {
    field: 'direction',
    aliases: ['收/支', '借贷标志', '借贷方向', '收支类型', '收支', 'direction', 'dr/cr'],
  },
  { field: 'currency', aliases: ['币种', '货币', '货币种类', 'currency'] },
  {
    field: 'counterpartyName',
    aliases: [
      '对方户名',
      '对方名称',
      '对方账户名称',
      '收(付)方名称',
      '交易对方',
      '对方单位',
      '对方账户名',
      'counterparty',
      'counterparty name',
      'payer',
      'payer name',
    ],
  },
  {
    field: 'counterpartyAccount',
    aliases: [
      '对方账号',
      '对方账户',
      '收(付)方帐号',
      '收(付)方账号',
      '对方卡号',
      '对方账号/卡号',
      'counterparty account',
      'payer account',
    ],
  },
  {
    field: 'summary',
    aliases: [
      '摘要',
      '交易摘要',
      '交易类型',
      '业务类型',
      'summary',
      'description',
      'transaction type',
    ],
  },
  {
    field: 'note',
    aliases: [
      '附言',
      '用途',
      '备注',
      '交易附言',
      '交易用途',
      '商品',
      '商品名称',
      'memo',
      'remark',
      'purpose',
      'note',
    ],
  },
  {
    field: 'reference',
    aliases: [
      '流水号',
      '交易流水号',
      '账户明细编号-交易流水号',
      '交易单号',
      '账务流水号',
      '银行流水号',
      '凭证号',
      'reference',
      'bank reference',
      'transaction id',
    ],
  },
  { field: 'orderNo', aliases: ['商户订单号', '商户单号', 'order no', 'order number'] },
  { field: 'status', aliases: ['当前状态', '交易状态', 'status'] },
  { field: 'balance', aliases: ['余额', '账户余额', '账户余额(元)', 'balance'] },
]

export const TABULAR_PROFILES = ['generic', 'cn_bank', 'wechat', 'alipay'] as const
export type TabularProfile = (typeof TABULAR_PROFILES)[number]

export interface TabularProfileSpec {
  mapping: MappingProfile
  options: Omit<TabularOptions, 'profile'>
  /** rows whose status says no money moved (a closed or failed payment) are left out */
  skipStatus?: RegExp
}

const WECHAT_SKIP = /关闭|失败|已撤销|已全额退款/
const ALIPAY_TRAILER = (cells: readonly string[]) => cells[0]?.startsWith('#') ?? false

export function tabularProfile(name: TabularProfile): TabularProfileSpec {
  const mapping = { name, fields: FIELDS }
  if (name === 'wechat') {
    return {
      mapping,
      // merchant bills prefix numbers with a backtick (Excel keeps them as text) and may end with totals
      options: {
        cleanCell: (value) => value.replace(/^`/, '').replace(/\t$/, '').trim(),
        stopAt: (cells) => /^(总交易单数|总计|合计)/.test(cells[0] ?? ''),
      },
      skipStatus: WECHAT_SKIP,
    }
  }
  if (name === 'alipay') {
    return { mapping, options: { encoding: 'auto', stopAt: ALIPAY_TRAILER } }
  }
  return {
    mapping,
    options: { stopAt: (cells) => /^(合计|总计|本页合计|借方合计|贷方合计)/.test(cells[0] ?? '') },
  }
}
