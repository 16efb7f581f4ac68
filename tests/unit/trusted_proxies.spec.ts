import { test } from '@japa/runner'
import { http } from '#config/app'

test.group('Trusted proxies', () => {
  test('only a proxy on this host may name the client address (audited IPs)', ({ assert }) => {
    const trusts = http.trustProxy as (address: string, hop: number) => boolean
    assert.isTrue(trusts('127.0.0.1', 0))
    assert.isTrue(trusts('::1', 0))
    assert.isFalse(trusts('203.0.113.9', 0))
    assert.isFalse(trusts('10.1.2.3', 0))
  })
})
