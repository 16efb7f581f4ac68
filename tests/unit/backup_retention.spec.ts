import { test } from '@japa/runner'
import { backupsToKeep } from '#modules/backup/services/retention'

const at = (id: number, iso: string) => ({ id, takenAt: new Date(iso) })

test.group('Backup retention', () => {
  test('keeps the newest backup of each of the last N days and M months (company time)', ({
    assert,
  }) => {
    const backups = [
      at(1, '2026-09-15T18:30:00Z'), // 2026-09-16 Shanghai
      at(2, '2026-10-31T18:30:00Z'), // 2026-11-01 Shanghai: a November backup, not October
      at(3, '2026-10-30T18:30:00Z'), // 2026-10-31 Shanghai
      at(4, '2026-12-01T18:30:00Z'),
      at(5, '2026-12-02T18:30:00Z'),
      at(6, '2026-12-03T01:00:00Z'), // same Shanghai day as 5, newer
      at(7, '2026-12-03T18:30:00Z'),
    ]
    const keep = backupsToKeep(backups, { daily: 3, monthly: 3, timeZone: 'Asia/Shanghai' })
    // days: 12-04 (7), 12-03 (6, newer than 5), 12-02 (4); months: 2026-12 (7), 2026-11 (2), 2026-10 (3)
    assert.sameMembers([...keep], [7, 6, 4, 2, 3])
  })

  test('zero daily and monthly keeps nothing', ({ assert }) => {
    const keep = backupsToKeep([at(1, '2026-12-01T00:00:00Z')], {
      daily: 0,
      monthly: 0,
      timeZone: 'UTC',
    })
    assert.equal(keep.size, 0)
  })
})
