import { test } from '@japa/runner'
import { request as httpRequest } from 'node:http'
import { brotliDecompressSync } from 'node:zlib'

/** A raw GET (the test client would decompress for us): status, headers and the bytes as sent. */
function rawGet(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, any>; body: Buffer }>(
    (resolve, reject) => {
      const req = httpRequest(
        {
          host: process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST,
          port: process.env.PORT,
          path,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk) => chunks.push(chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })
          )
        }
      )
      req.on('error', reject)
      req.end()
    }
  )
}

test.group('Panel delivery: no third-party fonts, compressed, cached', () => {
  test('the login page links no Google Fonts and declares the self-hosted Roboto', async ({
    assert,
  }) => {
    const page = await rawGet('/admin/login')
    assert.equal(page.status, 200)
    const html = page.body.toString('utf8')
    assert.notInclude(html, 'fonts.googleapis.com')
    const font = /url\((\/admin\/fonts\/[\d.]+\/roboto-latin-400-normal\.woff2)\)/.exec(html)
    assert.exists(font)
    const file = await rawGet(font![1])
    assert.equal(file.status, 200)
    assert.equal(file.headers['content-type'], 'font/woff2')
    assert.include(file.headers['cache-control'], 'immutable')
    assert.equal(file.body.subarray(0, 4).toString('latin1'), 'wOF2')
    const other = await rawGet(
      font![1].replace('roboto-latin-400-normal.woff2', '..%2Fpackage.json')
    )
    assert.equal(other.status, 404)
  })

  test('AdminJS bundles are sent brotli-compressed and cached for a day; API JSON is not compressed', async ({
    assert,
  }) => {
    const bundle = await rawGet('/admin/frontend/assets/app.bundle.js', {
      'Accept-Encoding': 'br, gzip',
    })
    assert.equal(bundle.status, 200)
    assert.equal(bundle.headers['content-encoding'], 'br')
    assert.equal(bundle.headers['cache-control'], 'public, max-age=86400')
    const script = brotliDecompressSync(bundle.body).toString('utf8')
    assert.isAbove(script.length, bundle.body.length * 2)
    const plain = await rawGet('/admin/frontend/assets/app.bundle.js')
    assert.isUndefined(plain.headers['content-encoding'])
    assert.equal(plain.body.toString('utf8'), script)

    const api = await rawGet('/health', { 'Accept-Encoding': 'br, gzip' })
    assert.isUndefined(api.headers['content-encoding'])
  })
})
