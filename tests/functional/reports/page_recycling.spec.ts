import { test } from '@japa/runner'
import { PdfRenderer } from '#reports/renderer'
import { fontFacesFor } from '#reports/fonts'
import type { RenderedDocument } from '#reports/document'
import { pdfText } from '#tests/support/report_fixtures'

const page = (n: number, body = `<p>document ${n}</p>`): RenderedDocument => ({
  title: `doc ${n}`,
  lang: 'zh-CN',
  body,
  charts: [],
  fonts: fontFacesFor(body + `第 页 共 0123456789`),
  footer: `"doc ${n} · 第 " counter(page) " 页 / 共 " counter(pages) " 页"`,
})

/** One browser per worker; its pages are reused, and replaced after `recycleAfter` prints. */
test.group('Reports: page reuse and recycling', () => {
  test('five prints on a pool of one page recycled every two open three pages', async ({
    assert,
  }) => {
    const renderer = new PdfRenderer({ poolSize: 1, recycleAfter: 2 })
    try {
      const pids = new Set<number | undefined>()
      for (let n = 1; n <= 5; n++) {
        const pdf = await renderer.render(page(n))
        assert.equal(pdf.subarray(0, 5).toString(), '%PDF-')
        pids.add(await renderer.browserPid())
      }
      assert.equal(renderer.opened, 3)
      assert.equal(pids.size, 1) // one browser throughout: no launch per document
    } finally {
      await renderer.close()
    }
  }).timeout(60_000)

  test('a reused page prints each document alone: its own body, footer and characters', async ({
    assert,
  }) => {
    const renderer = new PdfRenderer({ poolSize: 1, recycleAfter: 10 })
    try {
      const first = await pdfText(await renderer.render(page(1, '<p>华东机械 第一份</p>')))
      const second = await pdfText(await renderer.render(page(2, '<p>西南物流 第二份</p>')))
      assert.include(first, '华东机械 第一份')
      assert.include(first, 'doc 1 · 第 1 页 / 共 1 页')
      assert.include(second, '西南物流 第二份')
      assert.include(second, 'doc 2 · 第 1 页 / 共 1 页')
      assert.notInclude(second, '华东机械')
      assert.equal(renderer.opened, 1)
    } finally {
      await renderer.close()
    }
  }).timeout(60_000)
})
