import { test } from '@japa/runner'
import {
  canonicalJson,
  GENESIS_HASH,
  rowHashV1,
  rowHashV2,
  type HashedFieldsV1,
  type StoredFieldsV2,
} from '#modules/audit/hash_chain'

const v1Row: HashedFieldsV1 = {
  chain: 3,
  seq: 7,
  occurredAt: '2026-11-01T02:00:00.000Z',
  actorId: 12,
  actorRole: 'finance',
  ip: '10.0.0.8',
  userAgent: null,
  requestId: 'req-1',
  entityType: 'journal',
  entityId: '41',
  action: 'post_receipt',
  before: null,
  after: { amount: '100.00' },
}

const v2Row: StoredFieldsV2 = {
  ...v1Row,
  seq: '7',
  occurredAt: '2026-11-01T02:00:00.123456Z',
  actorId: '12',
  before: null,
  after: '{"amount": "100.00"}',
}

test.group('Audit hash chain', () => {
  test('canonical JSON sorts keys at every level', ({ assert }) => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: null } }),
      '{"a":{"c":null,"d":[2,{"e":2,"f":1}]},"b":1}'
    )
  })

  test('version 1: key order does not matter, a changed field changes the hash', ({ assert }) => {
    const hash = rowHashV1(GENESIS_HASH, v1Row)
    assert.lengthOf(hash, 64)
    const reordered = Object.fromEntries(Object.entries(v1Row).reverse()) as HashedFieldsV1
    assert.equal(rowHashV1(GENESIS_HASH, reordered), hash)
    assert.notEqual(rowHashV1(GENESIS_HASH, { ...v1Row, after: { amount: '100.01' } }), hash)
  })

  test('version 2: every field and the previous hash are covered', ({ assert }) => {
    const hash = rowHashV2(GENESIS_HASH, v2Row)
    assert.lengthOf(hash, 64)
    assert.notEqual(rowHashV2('1'.repeat(64), v2Row), hash)
    for (const [field, other] of Object.entries({
      chain: 4,
      seq: '8',
      occurredAt: '2026-11-01T02:00:00.123457Z',
      actorId: null,
      actorRole: 'admin',
      ip: null,
      userAgent: 'curl',
      requestId: 'req-2',
      entityType: 'customer',
      entityId: '42',
      action: 'post_refund',
      before: '{}',
      after: '{"amount": "100.01"}',
    })) {
      assert.notEqual(rowHashV2(GENESIS_HASH, { ...v2Row, [field]: other }), hash, field)
    }
  })

  test('version 2: a null and the string "null" hash differently', ({ assert }) => {
    assert.notEqual(
      rowHashV2(GENESIS_HASH, { ...v2Row, requestId: null }),
      rowHashV2(GENESIS_HASH, { ...v2Row, requestId: 'null' })
    )
  })
})
