import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { makeCustomer, makeProject, makeUser, unique } from '#tests/support/fixtures'
import { balanceOf, expectStatus, getAs, postAs } from '#tests/support/api'
import { route } from '#tests/support/route'

type Client = Parameters<typeof postAs>[0]

async function receipt(client: Client, token: string, customerId: number, amount: string) {
  await expectStatus(
    postAs(client, token, route('receipts.store'), {
      customerId,
      amount,
      currency: 'CNY',
      channel: 'bank_transfer',
    }),
    201
  )
}

async function newDocument(
  client: Client,
  token: string,
  customerId: number,
  amount: string,
  extra: object = {}
) {
  const response = await expectStatus(
    postAs(client, token, route('documents.store'), {
      customerId,
      kind: 'invoice',
      number: unique('FP'),
      amount,
      currency: 'CNY',
      documentDate: '2026-11-01',
      ...extra,
    }),
    201
  )
  return response.body() as { id: number; number: string; openAmount: string }
}

function apply(
  client: Client,
  token: string,
  customerId: number,
  documentId: number,
  amount: string
) {
  return postAs(client, token, route('applications.store'), {
    customerId,
    documentId,
    amount,
    currency: 'CNY',
  })
}

async function openAmount(documentId: number) {
  const row = await db.from('documents').where('id', documentId).first()
  return Number(row.open_amount)
}

test.group('Documents: records, applications never beyond the open amount', () => {
  test('create, list, show; the number is unique per customer (409, zh-CN)', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const document = await newDocument(client, token, customer.id, '1000.00')
    assert.equal(document.openAmount, '1000.00')
    const again = await postAs(client, token, route('documents.store'), {
      customerId: customer.id,
      kind: 'order',
      number: document.number,
      amount: '5.00',
      currency: 'CNY',
      documentDate: '2026-11-02',
    })
    again.assertStatus(409)
    assert.equal(again.body().errors[0].rule, 'document_number_taken')
    assert.equal(again.body().errors[0].field, 'number')
    assert.include(again.body().errors[0].message, '单据号')
    const list = await getAs(client, token, `${route('documents.index')}?customerId=${customer.id}`)
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((d: any) => d.number),
      [document.number]
    )
    const audit = await db
      .from('audit_logs')
      .where({ entity_type: 'document', entity_id: String(document.id), action: 'create' })
    assert.lengthOf(audit, 1)
  })

  test('two parallel applications of 60% each: one posts, one is refused naming the rule', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await receipt(client, token, customer.id, '5000.00')
    const document = await newDocument(client, token, customer.id, '1000.00')
    const responses = await Promise.all([
      apply(client, token, customer.id, document.id, '600.00'),
      apply(client, token, customer.id, document.id, '600.00'),
    ])
    const statuses = responses.map((r) => r.status()).sort()
    assert.deepEqual(statuses, [201, 409])
    const refused = responses.find((r) => r.status() === 409)!
    assert.equal(refused.body().errors[0].rule, 'document_overapplied')
    assert.equal(refused.body().errors[0].field, 'amount')
    assert.equal(refused.body().errors[0].meta.openAmount, '400.00')
    assert.equal(await openAmount(document.id), 400)
    assert.equal((await balanceOf(client, token, customer.id))!.balance, '4400.00')
    assert.equal(
      await db
        .from('document_applications')
        .where('document_id', document.id)
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      1
    )
  })

  test('the refusal in English; a free-text number of a document record is linked too', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await receipt(client, token, customer.id, '500.00')
    const document = await newDocument(client, token, customer.id, '100.00')
    const english = await client
      .post(route('applications.store'))
      .bearerToken(token)
      .header('Accept-Language', 'en')
      .json({ customerId: customer.id, documentId: document.id, amount: '100.01', currency: 'CNY' })
    english.assertStatus(409)
    assert.equal(
      english.body().errors[0].message,
      `amount exceeds the open amount of document ${document.number} (100.00 CNY)`
    )
    const chinese = await postAs(client, token, route('applications.store'), {
      customerId: customer.id,
      documentType: 'invoice',
      documentNo: document.number,
      amount: '100.01',
      currency: 'CNY',
    })
    chinese.assertStatus(409)
    assert.equal(
      chinese.body().errors[0].message,
      `金额超出单据 ${document.number} 的未核销金额（100.00 CNY）`
    )
    // by its number, as before documents were records: linked, and the open amount falls
    await expectStatus(
      postAs(client, token, route('applications.store'), {
        customerId: customer.id,
        documentType: 'invoice',
        documentNo: document.number,
        amount: '30.00',
        currency: 'CNY',
      }),
      201
    )
    assert.equal(await openAmount(document.id), 70)
    const wrongKind = await postAs(client, token, route('applications.store'), {
      customerId: customer.id,
      documentType: 'order',
      documentNo: document.number,
      amount: '1.00',
      currency: 'CNY',
    })
    wrongKind.assertStatus(422)
    assert.equal(wrongKind.body().errors[0].rule, 'document_kind_mismatch')
  })

  test('one receipt over several documents, one document from several receipts', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    await receipt(client, token, customer.id, '300.00')
    const a = await newDocument(client, token, customer.id, '100.00')
    const b = await newDocument(client, token, customer.id, '150.00')
    const c = await newDocument(client, token, customer.id, '400.00')
    await expectStatus(apply(client, token, customer.id, a.id, '100.00'), 201)
    await expectStatus(apply(client, token, customer.id, b.id, '150.00'), 201)
    await expectStatus(apply(client, token, customer.id, c.id, '50.00'), 201)
    await receipt(client, token, customer.id, '200.00')
    await receipt(client, token, customer.id, '200.00')
    await expectStatus(apply(client, token, customer.id, c.id, '200.00'), 201)
    await expectStatus(apply(client, token, customer.id, c.id, '150.00'), 201)
    assert.deepEqual(
      [await openAmount(a.id), await openAmount(b.id), await openAmount(c.id)],
      [0, 0, 0]
    )
    const shown = await getAs(client, token, route('documents.show', { id: c.id }))
    shown.assertStatus(200)
    assert.equal(shown.body().status, 'settled')
    assert.deepEqual(
      shown.body().applications.map((x: any) => x.amount),
      ['50.00', '200.00', '150.00']
    )
    assert.equal((await balanceOf(client, token, customer.id))!.balance, '50.00')
  })

  test('a document with a project gives the application its project; cancel only unapplied', async ({
    client,
    assert,
  }) => {
    const { token } = await makeUser('finance')
    const customer = await makeCustomer()
    const project = await makeProject(customer.id)
    await receipt(client, token, customer.id, '500.00')
    const document = await newDocument(client, token, customer.id, '200.00', {
      projectId: project.id,
    })
    const applied = await expectStatus(apply(client, token, customer.id, document.id, '80.00'), 201)
    assert.equal(applied.body().projectId, project.id)
    assert.equal(applied.body().documentNo, document.number)
    const refused = await postAs(client, token, route('documents.cancel', { id: document.id }), {
      reason: '开错',
    })
    refused.assertStatus(409)
    assert.equal(refused.body().errors[0].rule, 'document_applied')

    const spare = await newDocument(client, token, customer.id, '10.00')
    const cancelled = await expectStatus(
      postAs(client, token, route('documents.cancel', { id: spare.id }), { reason: '开错' }),
      200
    )
    assert.equal(cancelled.body().status, 'cancelled')
    const late = await apply(client, token, customer.id, spare.id, '1.00')
    late.assertStatus(409)
    assert.equal(late.body().errors[0].rule, 'document_cancelled')
  })
})
