/**
 * ISO 4217 currencies the company can book, with their minor units (decimal places). The table is
 * seeded from this list; an amount with more decimals than its currency allows is refused.
 */
export interface CurrencyDefinition {
  code: string
  name_zh: string
  name_en: string
  minor_units: number
}

export const CURRENCIES: readonly CurrencyDefinition[] = [
  { code: 'CNY', name_zh: '人民币', name_en: 'Chinese Yuan', minor_units: 2 },
  { code: 'USD', name_zh: '美元', name_en: 'US Dollar', minor_units: 2 },
  { code: 'EUR', name_zh: '欧元', name_en: 'Euro', minor_units: 2 },
  { code: 'HKD', name_zh: '港币', name_en: 'Hong Kong Dollar', minor_units: 2 },
  { code: 'GBP', name_zh: '英镑', name_en: 'Pound Sterling', minor_units: 2 },
  { code: 'JPY', name_zh: '日元', name_en: 'Japanese Yen', minor_units: 0 },
  { code: 'KRW', name_zh: '韩元', name_en: 'South Korean Won', minor_units: 0 },
  { code: 'SGD', name_zh: '新加坡元', name_en: 'Singapore Dollar', minor_units: 2 },
  { code: 'AUD', name_zh: '澳元', name_en: 'Australian Dollar', minor_units: 2 },
  { code: 'CAD', name_zh: '加元', name_en: 'Canadian Dollar', minor_units: 2 },
  { code: 'CHF', name_zh: '瑞士法郎', name_en: 'Swiss Franc', minor_units: 2 },
  { code: 'TWD', name_zh: '新台币', name_en: 'New Taiwan Dollar', minor_units: 2 },
  { code: 'MOP', name_zh: '澳门元', name_en: 'Macanese Pataca', minor_units: 2 },
  { code: 'RUB', name_zh: '卢布', name_en: 'Russian Ruble', minor_units: 2 },
  { code: 'THB', name_zh: '泰铢', name_en: 'Thai Baht', minor_units: 2 },
  { code: 'VND', name_zh: '越南盾', name_en: 'Vietnamese Dong', minor_units: 0 },
  { code: 'INR', name_zh: '印度卢比', name_en: 'Indian Rupee', minor_units: 2 },
  { code: 'AED', name_zh: '阿联酋迪拉姆', name_en: 'UAE Dirham', minor_units: 2 },
  { code: 'SAR', name_zh: '沙特里亚尔', name_en: 'Saudi Riyal', minor_units: 2 },
  { code: 'KWD', name_zh: '科威特第纳尔', name_en: 'Kuwaiti Dinar', minor_units: 3 },
  { code: 'BHD', name_zh: '巴林第纳尔', name_en: 'Bahraini Dinar', minor_units: 3 },
  { code: 'MYR', name_zh: '林吉特', name_en: 'Malaysian Ringgit', minor_units: 2 },
  { code: 'NZD', name_zh: '新西兰元', name_en: 'New Zealand Dollar', minor_units: 2 },
]

export const CURRENCY_CODES = CURRENCIES.map((c) => c.code)

const minorUnitsByCode = new Map(CURRENCIES.map((c) => [c.code, c.minor_units]))

export function isKnownCurrency(code: unknown): code is string {
  return typeof code === 'string' && minorUnitsByCode.has(code)
}

export function minorUnitsOf(code: string): number {
  const units = minorUnitsByCode.get(code)
  if (units === undefined) throw new Error(`Unknown currency ${code}`)
  return units
}
