import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import emitter from '@adonisjs/core/services/emitter'
import { makeCustomer, makeProject, makeUser } from '#tests/support/fixtures'
import { evaluator, postReceipt, putPlan, setThreshold } from '#tests/support/alerts'
import { enabledRules } from '#modules/alerts/services/enabled_rules_cache'
import type { JournalView } from '#modules/prepayments/services/journal_view'
import { outboxDispatcher } from '#modules/outbox/outbox_dispatcher'
import { outboxSettled } from '#tests/support/outbox'

/** The alerts of these customers, in a form two evaluations of the same data can compare. */
async function alertsOfCustomers(customerIds: number[]) {
  const rows = await db.from('alerts').whereIn('customer_id', customerIds)
  return rows
    .map((row: any) => ({
      ruleType: row.rule_type as string,
      messageKey: row.message_key as string,
      subjectType: row.subject_type as string,
      subjectId: Number(row.subject_id),
      customerId: Number(row.customer_id),
      projectId: row.project_id === null ? null : Number(row.project_id),
      params: row.params,
      asOf: row.as_of as string,
    }))
    .sort((a, b) =>
      `${a.ruleType}:${a.subjectType}:${a.subjectId}`.localeCompare(
        `${b.ruleType}:${b.subjectType}:${b.subjectId}`
      )
    )
}

/** The SQL statements sent while `work` runs (BEGIN and COMMIT included). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const knex = db.connection().getWriteClient()
  const sent: string[] = []
  const record = (query: { sql: string }) => sent.push(query.sql)
  knex.on('query', record)
  try {
    await work()
  } finally {
    knex.off('query', record)
  }
  return sent
}

test.group('Alerts: postings evaluated together in one pass', (group) => {
  // The journals are evaluated here only: the posting's own reaction is kept out of the way.
  group.each.setup(() => {
    emitter.fake(['ledger:journal_posted'])
    return () => emitter.restore()
  })

  test('a pass over several journals opens exactly the alerts they open one by one', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const [duplicate, abnormal, low, quiet, overPaid] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => makeCustomer())
    )
    await setThreshold(low.id, '1000')
    const project = await makeProject(overPaid.id)
    const [installment] = await putPlan(client, token, project.id, [
      { dueDate: '2025-06-01', amount: '1000.00' },
    ])
    const journals: JournalView[] = []
    for (const amount of ['700.00', '700.00'])
      journals.push(
        await postReceipt(client, token, {
          customerId: duplicate.id,
          amount,
          entryDate: '2025-04-01',
        })
      )
    for (const amount of ['1000.00', '1200.00', '1100.00', '900.00', '5500.01'])
      journals.push(
        await postReceipt(client, token, {
          customerId: abnormal.id,
          amount,
          entryDate: '2025-03-01',
        })
      )
    journals.push(
      await postReceipt(client, token, {
        customerId: low.id,
        amount: '10.00',
        entryDate: '2025-04-01',
      })
    )
    // Other entry dates in the same pass: the installments are read as of each date.
    journals.push(
      await postReceipt(client, token, {
        customerId: quiet.id,
        amount: '300.00',
        entryDate: '2025-05-02',
      })
    )
    journals.push(
      await postReceipt(client, token, {
        customerId: overPaid.id,
        projectId: project.id,
        amount: '1500.00',
        entryDate: '2025-05-20',
      })
    )
    const customerIds = [duplicate, abnormal, low, quiet, overPaid].map((c) => c.id)
    const alerts = await evaluator()

    const opened = await alerts.evaluatePostings(journals)
    const together = await alertsOfCustomers(customerIds)
    assert.lengthOf(opened, together.length)

    await db.from('alerts').whereIn('customer_id', customerIds).delete()
    for (const journal of journals)
      await alerts.evaluateCustomer(journal.customerId, { asOf: journal.entryDate, journal })
    const oneByOne = await alertsOfCustomers(customerIds)

    assert.deepEqual(together, oneByOne)
    // The later of two identical receipts is the duplicate, whichever is evaluated first.
    const secondDuplicate = journals[1]
    assert.deepEqual(
      together.map((a) => [a.customerId, a.messageKey, a.subjectId, a.asOf]),
      [
        [abnormal.id, 'abnormal_median', journals[6].id, '2025-03-01'],
        [duplicate.id, 'duplicate_amount_day', secondDuplicate.id, '2025-04-01'],
        [overPaid.id, 'installment_over_payment', installment.id, '2025-05-20'],
        [low.id, 'low_balance', low.id, '2025-04-01'],
      ]
    )
    assert.equal(together[0].params.median, '¥1,050.00')
    assert.equal(together[2].params.difference, '¥500.00')
  })

  test('postings arriving together are each evaluated, in fewer passes than postings', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const journals: JournalView[] = []
    for (let n = 0; n < 6; n++) {
      const customer = await makeCustomer()
      await setThreshold(customer.id, '1000')
      journals.push(
        await postReceipt(client, token, {
          customerId: customer.id,
          amount: '100.00',
          entryDate: '2025-05-20',
        })
      )
    }
    // Their events were dispatched after each commit: dispatch them again, woken six times at once.
    await outboxSettled()
    await db
      .from('outbox_events')
      .whereIn('type', ['journal.posted'])
      .whereRaw(`(data->>'id')::bigint = ANY(?)`, [journals.map((journal) => journal.id)])
      .update({ dispatched_at: null })
    const statements = await statementsOf(() =>
      Promise.all(journals.map(() => outboxDispatcher.wake()))
    )
    const customerIds = journals.map((journal) => journal.customerId)
    const opened = await alertsOfCustomers(customerIds)
    assert.sameMembers(
      opened.map((a) => a.customerId),
      customerIds
    )
    // The dispatcher waits GATHER_MS for more commits: the six go together.
    const passes = statements.filter((sql) => sql.includes('low_balance_threshold'))
    assert.lengthOf(passes, 1)
  })

  test('a pass sends as many statements for ten journals as for one', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const journals: JournalView[] = []
    // Each journal opens an alert (low balance) and reads installments: every statement runs.
    for (let n = 0; n < 11; n++) {
      const customer = await makeCustomer()
      await setThreshold(customer.id, '1000')
      const project = await makeProject(customer.id)
      await putPlan(client, token, project.id, [{ dueDate: '2025-06-01', amount: '1000.00' }])
      journals.push(
        await postReceipt(client, token, {
          customerId: customer.id,
          projectId: project.id,
          amount: '100.00',
          entryDate: '2025-05-20',
        })
      )
    }
    // Only the passes below evaluate these journals (their events are set aside) and nothing
    // else is dispatched while they run.
    await db
      .from('outbox_events')
      .whereRaw(`(data->>'id')::bigint = ANY(?)`, [journals.map((journal) => journal.id)])
      .whereIn('type', ['journal.posted'])
      .update({ dispatched_at: new Date() })
    await outboxSettled()
    const alerts = await evaluator()
    const pass = async (batch: JournalView[]) => {
      await enabledRules('posting') // the rules are cached: keep their read out of the count
      let opened = 0
      const sent = await statementsOf(async () => {
        const views = await alerts.evaluatePostings(batch)
        opened = views.length
      })
      return { statements: sent.length, opened }
    }
    const one = await pass(journals.slice(0, 1))
    await outboxSettled() // the alert it opened is an event: its dispatch is not this pass
    const ten = await pass(journals.slice(1))
    assert.deepEqual(one, { statements: one.statements, opened: 1 })
    assert.deepEqual(ten, { statements: one.statements, opened: 10 })
  })
})
