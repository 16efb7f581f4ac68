import { test } from '@japa/runner'
import { PdfRenderer } from '#reports/renderer'

const page = (n: number) => ({
  title: `doc ${n}`,
  footerTemplate: '<span></span>',
  html: `<html><body><p>document ${n}</p><script>window.__chartsReady = true</script></body></html>`,
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
})
