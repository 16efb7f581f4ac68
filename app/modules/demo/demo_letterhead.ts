import { systemActor } from '#kernel/actor'
import { updateCompanyProfile } from '#kernel/company_profile'
import { runInTransaction } from '#kernel/unit_of_work'
import db from '@adonisjs/lucid/services/db'

/** The demo company's letterhead; the finance contact answers statements. */
const LETTERHEAD = {
  nameEn: 'Demo Manufacturing Co., Ltd.',
  address: '上海市浦东新区张江路 88 号 5 楼',
  addressEn: '5F, 88 Zhangjiang Road, Pudong, Shanghai',
  phone: '021-5080 8888',
  taxId: '91310115MA1K4DEMO8',
  bankName: '招商银行上海张江支行',
  bankAccount: '1219 0888 8810 001',
  financeContactName: '陈静',
  financeContactEmail: 'finance@demo.local',
}

const STREETS = ['中山路', '解放路', '人民路', '建设路', '长江路', '黄河路']

/**
 * Fills the letterhead and each demo customer's address (an English name for the overseas ones).
 * The books start (账套启用日期) is the first day of the month of the demo's first entry.
 */
export async function seedLetterhead() {
  const first = await db.rawQuery(
    `SELECT to_char(date_trunc('month', min(entry_date)), 'YYYY-MM-DD') AS start FROM journals`
  )
  await runInTransaction(systemActor('seed'), async (uow) => {
    await updateCompanyProfile(uow, { ...LETTERHEAD, booksStartDate: first.rows[0].start })
    const customers = await uow.trx.rawQuery('SELECT id, code, name FROM customers ORDER BY id')
    for (const [i, c] of (
      customers.rows as Array<{ id: number; code: string; name: string }>
    ).entries()) {
      const overseas = c.code.startsWith('E')
      const address = overseas
        ? `${100 + i} Harbour Street, Suite ${i + 2}`
        : `${c.name.slice(0, 2)}市${STREETS[i % STREETS.length]} ${10 + i} 号`
      await uow.trx.rawQuery('UPDATE customers SET address = ?, name_en = ? WHERE id = ?', [
        address,
        overseas ? c.name : null,
        c.id,
      ] as any[])
      uow.audit({ entityType: 'customer', entityId: c.id, action: 'update', after: { address } })
    }
  })
}
