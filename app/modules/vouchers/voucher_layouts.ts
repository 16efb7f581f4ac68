import { Money } from '#kernel/money/money'
import type { Voucher, VoucherLine } from '#modules/vouchers/services/voucher_builder'

/**
 * The file layouts of the voucher export: one row per entry (分录), the voucher's head repeated on
 * each row, as the ERPs' voucher import tools read them. `amount` columns are written as numbers
 * in XLSX (exact decimal strings in CSV); every other cell is text.
 */
export interface LayoutColumn {
  header: string
  amount?: boolean
  cell(
    voucher: Voucher,
    line: VoucherLine,
    entry: number,
    options: LayoutOptions
  ): string | number | null
}

export interface LayoutOptions {
  /** 凭证字 (记, 收, 付, 转…) */
  voucherWord: string
  baseCurrency: string
}

export interface Layout {
  name: string
  description: string
  columns: LayoutColumn[]
}

const blankIfBase = (line: VoucherLine, options: LayoutOptions, value: string) =>
  line.currency === options.baseCurrency ? null : value

/** 通用: the columns finance asked for, in Chinese, one row per entry. */
const standard: Layout = {
  name: 'standard',
  description:
    '通用凭证格式 (凭证字/凭证号/日期/摘要/科目编码/借方/贷方/币种/汇率/原币金额/辅助核算)',
  columns: [
    { header: '凭证字', cell: (_v, _l, _e, o) => o.voucherWord },
    { header: '凭证号', cell: (v) => v.number },
    { header: '日期', cell: (v) => v.date },
    { header: '摘要', cell: (v) => v.summary },
    { header: '科目编码', cell: (_v, l) => l.externalCode },
    { header: '科目名称', cell: (_v, l) => l.externalName },
    { header: '借方', amount: true, cell: (_v, l) => l.debit },
    { header: '贷方', amount: true, cell: (_v, l) => l.credit },
    { header: '币种', cell: (_v, l) => l.currency },
    { header: '汇率', cell: (_v, l) => l.exchangeRate },
    { header: '原币金额', amount: true, cell: (_v, l) => l.original },
    { header: '辅助核算-客户', cell: (_v, l) => l.customerCode },
    { header: '项目', cell: (_v, l) => l.projectCode },
  ],
}

/**
 * 用友 U8 总账工具 · 凭证引入 (also T+ 凭证导入 by column mapping): a voucher is identified by
 * 制单日期 + 凭证类别字 + 凭证号; one of 借方金额 / 贷方金额 is non-zero, the other 0; 外币金额 and
 * 汇率 only for foreign-currency entries; 客户编码 / 项目编码 fill the auxiliary accounting.
 */
const yonyouU8: Layout = {
  name: 'yonyou_u8',
  description:
    '用友 U8 / T+ 凭证引入 (制单日期, 凭证类别字, 凭证号, 附单据数, 摘要, 科目编码, 借方金额, 贷方金额, 外币金额, 汇率, 客户编码, 项目编码)',
  columns: [
    { header: '制单日期', cell: (v) => v.date },
    { header: '凭证类别字', cell: (_v, _l, _e, o) => o.voucherWord },
    { header: '凭证号', cell: (v) => v.number },
    { header: '附单据数', cell: () => 0 },
    { header: '摘要', cell: (v) => v.summary },
    { header: '科目编码', cell: (_v, l) => l.externalCode },
    { header: '借方金额', amount: true, cell: (_v, l) => l.debit },
    { header: '贷方金额', amount: true, cell: (_v, l) => l.credit },
    { header: '币种', cell: (_v, l, _e, o) => blankIfBase(l, o, l.currency) },
    { header: '外币金额', amount: true, cell: (_v, l, _e, o) => blankIfBase(l, o, l.original) },
    { header: '汇率', cell: (_v, l, _e, o) => blankIfBase(l, o, l.exchangeRate) },
    { header: '客户编码', cell: (_v, l) => l.customerCode },
    { header: '项目编码', cell: (_v, l) => l.projectCode },
  ],
}

/** 金蝶's code for the base currency is RMB, not CNY. */
const kingdeeCurrency = (code: string) => (code === 'CNY' ? 'RMB' : code)

/**
 * 金蝶 K/3 WISE · KIS 标准凭证引入 (the field names of 标准凭证引出, t_Voucher/t_VoucherEntry): FDC 1
 * is 借, 0 is 贷; FENTRYID counts entries from 0; auxiliaries as 核算项目 class + code + name pairs.
 * K/3 Cloud imports the same data through its own 引入模板 (凭证 template) by column mapping.
 */
const kingdee: Layout = {
  name: 'kingdee',
  description:
    '金蝶 K/3 WISE / KIS 标准凭证引入 (FDATE, FGROUP, FNUM, FENTRYID, FEXP, FACCTID, 核算项目, FCYID, FEXCHRATE, FDC, FFCYAMT, FDEBIT, FCREDIT)',
  columns: [
    { header: 'FDATE', cell: (v) => v.date },
    { header: 'FTRANSDATE', cell: (v) => v.date },
    { header: 'FPERIOD', cell: (v) => Number(v.date.slice(5, 7)) },
    { header: 'FGROUP', cell: (_v, _l, _e, o) => o.voucherWord },
    { header: 'FNUM', cell: (v) => v.number },
    { header: 'FENTRYID', cell: (_v, _l, entry) => entry },
    { header: 'FEXP', cell: (v) => v.summary },
    { header: 'FACCTID', cell: (_v, l) => l.externalCode },
    { header: 'FCLSNAME1', cell: (_v, l) => (l.customerCode ? '客户' : null) },
    { header: 'FOBJID1', cell: (_v, l) => l.customerCode },
    { header: 'FOBJNAME1', cell: (_v, l) => l.customerName },
    { header: 'FCLSNAME2', cell: (_v, l) => (l.projectCode ? '项目' : null) },
    { header: 'FOBJID2', cell: (_v, l) => l.projectCode },
    { header: 'FOBJNAME2', cell: (_v, l) => l.projectName },
    { header: 'FCYID', cell: (_v, l) => kingdeeCurrency(l.currency) },
    { header: 'FEXCHRATE', cell: (_v, l) => l.exchangeRate },
    { header: 'FDC', cell: (_v, l) => (new Money(l.debit).isZero() ? 0 : 1) },
    { header: 'FFCYAMT', amount: true, cell: (_v, l) => l.original },
    { header: 'FDEBIT', amount: true, cell: (_v, l) => l.debit },
    { header: 'FCREDIT', amount: true, cell: (_v, l) => l.credit },
  ],
}

export const LAYOUTS = { standard, yonyou_u8: yonyouU8, kingdee } as const
export type LayoutName = keyof typeof LAYOUTS
export const LAYOUT_NAMES = Object.keys(LAYOUTS) as LayoutName[]

/** The rows of a layout (without its header), in voucher and entry order. */
export function layoutRows(layout: Layout, vouchers: Voucher[], options: LayoutOptions) {
  return vouchers.flatMap((voucher) =>
    voucher.lines.map((line, entry) =>
      layout.columns.map((column) => column.cell(voucher, line, entry, options))
    )
  )
}
