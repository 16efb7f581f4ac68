import { test } from '@japa/runner'
import { readdirSync, readFileSync } from 'node:fs'

const LANG = new URL('../../resources/lang/', import.meta.url)

/** A catalogue file as flat keys (`a.b.c` → message). */
function flat(locale: string, file: string): Map<string, string> {
  const entries = new Map<string, string>()
  const walk = (value: unknown, prefix: string) => {
    if (typeof value === 'string') entries.set(prefix, value)
    else
      for (const [k, v] of Object.entries(value as object)) walk(v, prefix ? `${prefix}.${k}` : k)
  }
  walk(JSON.parse(readFileSync(new URL(`${locale}/${file}`, LANG), 'utf8')), '')
  return entries
}

const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

test.group('i18n catalogues (resources/lang)', () => {
  test('every English message has its zh-CN twin with the same placeholders', ({ assert }) => {
    const files = readdirSync(new URL('en/', LANG))
    assert.includeMembers(files, [
      'alerts.json',
      'errors.json',
      'notifications.json',
      'reports.json',
    ])
    for (const file of files) {
      const zh = flat('zh-CN', file)
      for (const [key, message] of flat('en', file)) {
        assert.isTrue(zh.has(key), `${file}: ${key} has no zh-CN message`)
        assert.deepEqual(placeholders(zh.get(key)!), placeholders(message), `${file}: ${key}`)
      }
    }
  })

  test('outside the error rules, both languages hold the same keys', ({ assert }) => {
    for (const file of ['alerts.json', 'notifications.json', 'reports.json', 'validator.json']) {
      assert.sameMembers([...flat('zh-CN', file).keys()], [...flat('en', file).keys()], file)
    }
  })

  test('the panel, phone-page and e-mail catalogues hold the same keys in both languages', ({
    assert,
  }) => {
    const files = readdirSync(new URL('zh-CN/', LANG)).filter((file) =>
      /^(panel(_\w+)?|mobile|emails)\.json$/.test(file)
    )
    assert.includeMembers(files, ['panel.json', 'panel_alerts.json', 'mobile.json', 'emails.json'])
    assert.sameMembers(
      readdirSync(new URL('en/', LANG)).filter((file) => files.includes(file)),
      files
    )
    for (const file of files) {
      const zh = [...flat('zh-CN', file).keys()]
      const en = [...flat('en', file).keys()]
      assert.deepEqual(
        zh.filter((key) => !en.includes(key)),
        [],
        `${file}: keys without an English message`
      )
      assert.deepEqual(
        en.filter((key) => !zh.includes(key)),
        [],
        `${file}: keys without a zh-CN message`
      )
    }
  })
})
