/**
 * The demo company's people and customers. Names are fictional; the numbers of 华东机械 follow the
 * worked month in docs (contract HT-2026-017, ¥1,200,000 in three ¥400,000 installments).
 */
export const DEMO_PASSWORD = 'Demo#2026'

export const DEMO_USERS = [
  { email: 'admin@demo.local', fullName: '系统管理员', role: 'admin', department: '信息部' },
  { email: 'sales1@demo.local', fullName: '王磊', role: 'sales', department: '华东销售部' },
  { email: 'sales2@demo.local', fullName: '李娜', role: 'sales', department: '华南销售部' },
  { email: 'sales3@demo.local', fullName: 'Tom Chen', role: 'sales', department: '海外销售部' },
  { email: 'finance@demo.local', fullName: '张敏', role: 'finance', department: '财务部' },
  { email: 'finance2@demo.local', fullName: '刘洋', role: 'finance', department: '财务部' },
  { email: 'manager@demo.local', fullName: '陈静', role: 'finance_manager', department: '财务部' },
  { email: 'auditor@demo.local', fullName: '赵刚', role: 'auditor', department: '审计部' },
  { email: 'ceo@demo.local', fullName: '周总', role: 'executive', department: '总经办' },
] as const

const CITIES = ['华东', '华南', '华北', '西南', '东北', '华中', '西北']
const TRADES = ['机械', '电子', '建材', '化工', '纺织', '汽配', '医疗器械', '食品', '包装', '光伏']

export interface DemoCustomer {
  code: string
  name: string
  currency: 'CNY' | 'USD'
  salesIndex: 1 | 2 | 3
  creditLimit: string
  lowBalanceThreshold: string
}

/** 24 customers: 20 domestic in CNY, 4 overseas in USD. The first is the docs' 华东机械. */
export function demoCustomers(): DemoCustomer[] {
  const customers: DemoCustomer[] = [
    {
      code: 'C0001',
      name: '华东机械有限公司',
      currency: 'CNY',
      salesIndex: 1,
      creditLimit: '0',
      lowBalanceThreshold: '200000',
    },
  ]
  for (let i = 2; i <= 20; i++) {
    const name = `${CITIES[i % CITIES.length]}${TRADES[i % TRADES.length]}${i % 3 === 0 ? '集团' : '有限公司'}`
    customers.push({
      code: `C${String(i).padStart(4, '0')}`,
      name: `${name}${i > 10 ? `(${i})` : ''}`,
      currency: 'CNY',
      salesIndex: (i % 2 === 0 ? 1 : 2) as 1 | 2,
      creditLimit: i % 4 === 0 ? '50000' : '0',
      lowBalanceThreshold: '50000',
    })
  }
  const overseas = [
    'Pacific Trading LLC',
    'Nordic Machines AB',
    'Andes Mining S.A.',
    'Gulf Energy FZE',
  ]
  overseas.forEach((name, n) => {
    customers.push({
      code: `E${String(n + 1).padStart(4, '0')}`,
      name,
      currency: 'USD',
      salesIndex: 3,
      creditLimit: '0',
      lowBalanceThreshold: '10000',
    })
  })
  return customers
}
