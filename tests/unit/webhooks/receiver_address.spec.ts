import { test } from '@japa/runner'
import {
  isPublicAddress,
  resolveReceiver,
  urlRefusal,
} from '#modules/webhooks/safety/receiver_address'

test.group('Webhook receiver addresses (SSRF guard)', () => {
  test('only public unicast addresses pass, IPv4 and IPv6, mapped ones judged as IPv4', ({
    assert,
  }) => {
    const refused = [
      '127.0.0.1',
      '127.8.9.10',
      '0.0.0.0',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254', // cloud metadata
      '100.100.100.200', // Alibaba Cloud metadata (carrier-grade NAT range)
      '100.64.0.1',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd00:ec2::254', // AWS metadata over IPv6
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a00:1', // NAT64 of 10.0.0.1
      'ff02::1',
    ]
    for (const address of refused) assert.isFalse(isPublicAddress(address), address)
    for (const address of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '2001:4860:4860::8888',
      '::ffff:8.8.8.8',
    ]) {
      assert.isTrue(isPublicAddress(address), address)
    }
    assert.isFalse(isPublicAddress('not-an-ip'))
  })

  test('the URL form: http(s), no credentials, no private literal or local name', ({ assert }) => {
    const rule = (url: string, allowPrivate = false) => urlRefusal(url, allowPrivate)?.rule ?? null
    assert.equal(rule('ftp://example.com/x'), 'url_protocol')
    assert.equal(rule('file:///etc/passwd'), 'url_protocol')
    assert.equal(rule('https://user:pw@example.com/x'), 'url_credentials')
    assert.equal(rule('https://user@example.com/x'), 'url_credentials')
    assert.equal(rule('http://127.0.0.1:8080/x'), 'url_private_address')
    assert.equal(rule('http://2130706433/x'), 'url_private_address') // 127.0.0.1 as one number
    assert.equal(rule('http://0x7f.1/x'), 'url_private_address')
    assert.equal(rule('http://[::1]/x'), 'url_private_address')
    assert.equal(rule('http://[::ffff:7f00:1]/x'), 'url_private_address')
    assert.equal(rule('http://169.254.169.254/latest/meta-data'), 'url_private_address')
    assert.equal(rule('http://localhost:3333/x'), 'url_private_address')
    assert.equal(rule('http://metadata.google.internal/x'), 'url_private_address')
    assert.isNull(rule('https://erp.example.com/hooks'))
    assert.isNull(rule('https://8.8.8.8/hooks'))
    assert.isNull(rule('http://127.0.0.1:8080/x', true))
    assert.equal(rule('https://user:pw@127.0.0.1/x', true), 'url_credentials')
  })

  test('a name is refused when any of its addresses is private', async ({ assert }) => {
    const answers =
      (...addresses: string[]) =>
      async () =>
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    const mixed = await resolveReceiver('rebind.test', false, answers('8.8.8.8', '10.0.0.7'))
    assert.deepEqual(mixed, {
      rule: 'url_private_address',
      message: (mixed as any).message,
    })
    const mapped = await resolveReceiver('x.test', false, answers('::ffff:192.168.0.1'))
    assert.propertyVal(mapped, 'rule', 'url_private_address')
    assert.deepEqual(await resolveReceiver('ok.test', false, answers('8.8.4.4', '1.1.1.1')), {
      address: '8.8.4.4',
      family: 4,
    })
    assert.deepEqual(await resolveReceiver('lan.test', true, answers('10.0.0.7')), {
      address: '10.0.0.7',
      family: 4,
    })
    assert.propertyVal(
      await resolveReceiver('none.test', false, answers()),
      'rule',
      'url_unresolvable'
    )
  })
})
