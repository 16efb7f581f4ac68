import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { runAce as ace } from '#tests/support/ace'

/** Commands check their flags by the API's rules and say which flag is wrong, in one line. */
test.group('Command flags', () => {
  test('a bad flag is named in one line, exit 1, and nothing is done', async ({ assert }) => {
    const auditBefore = await db.from('audit_logs').count('* as n').first()
    const [date, word, format, period] = await Promise.all([
      ace('alerts:evaluate', '--as-of', '2026-02-30', '--quiet'),
      ace('export:vouchers', '--period', '2026-01', '--word', '记账凭证字'),
      ace('backup:create', '--format', 'zip'),
      ace('fx:revalue', '2026-13'),
    ])
    const said = (run: { output: string }) => run.output.trim()
    assert.deepEqual(
      [date, word, format, period].map((run) => run.code),
      [1, 1, 1, 1]
    )
    assert.include(said(date), 'The --as-of field must be a date written YYYY-MM-DD')
    assert.include(said(word), 'The --word field must not be greater than 4 characters')
    assert.include(said(format), 'The selected --format is invalid')
    assert.include(said(period), 'The PERIOD field format is invalid')
    for (const run of [date, word, format, period]) {
      assert.notInclude(run.output, 'node_modules', 'no stack trace')
      assert.lengthOf(said(run).split('\n'), 1)
    }
    const auditAfter = await db.from('audit_logs').count('* as n').first()
    assert.equal(Number(auditAfter.n), Number(auditBefore.n))
  }).timeout(120_000)
})
