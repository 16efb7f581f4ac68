import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

const require = createRequire(import.meta.url)
const ROBOTO = require.resolve('@fontsource/roboto/package.json')
const ROBOTO_VERSION: string = require('@fontsource/roboto/package.json').version
const FONT_FILES = new Set([300, 400, 500, 700].map((w) => `roboto-latin-${w}-normal.woff2`))
const FONT_PATH = `/admin/fonts/${ROBOTO_VERSION}/`

/** Money never wraps mid-number in lists: amount-like cells keep digits and currency on one line. */
const MONEY_CELLS = `${[
  '*="mount"',
  '*="alance"',
  '*="Effect"',
  '*="Limit"',
  '="reserved"',
  '="pending"',
  '="available"',
  '="headroom"',
  '="unconfirmed"',
]
  .map((match) => `td[data-property-name${match}]`)
  .join(',')}{white-space:nowrap;font-variant-numeric:tabular-nums}`

const GOOGLE_FONTS = /<link[^>]+fonts\.googleapis\.com[^>]*>/
/** AdminJS's theme asks for Roboto; served from npm (Google Fonts is unreachable in mainland China). */
const SELF_HOSTED = `<style>${[300, 400, 500, 700]
  .map(
    (weight) =>
      `@font-face{font-family:Roboto;font-style:normal;font-weight:${weight};font-display:swap;src:url(${FONT_PATH}roboto-latin-${weight}-normal.woff2) format('woff2')}`
  )
  .join('')}${MONEY_CELLS}</style>`

/**
 * The panel as a fast page: AdminJS's pages link no third-party stylesheet (its Google Fonts link
 * becomes self-hosted Roboto), the fonts are cached for good (their URL carries the package
 * version) and AdminJS's bundles for a day (revalidated by Last-Modified after that).
 */
export default class PanelAssetsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const url = ctx.request.url()
    if (!url.startsWith('/admin')) return next()
    if (url.startsWith(FONT_PATH)) return this.font(ctx, url.slice(FONT_PATH.length))
    await next()
    if (url.startsWith('/admin/frontend/assets/'))
      ctx.response.header('Cache-Control', 'public, max-age=86400')
    const body = ctx.response.getBody()
    if (typeof body === 'string' && GOOGLE_FONTS.test(body))
      ctx.response.send(body.replace(GOOGLE_FONTS, SELF_HOSTED))
  }

  private font(ctx: HttpContext, name: string) {
    if (!FONT_FILES.has(name)) return ctx.response.notFound('')
    ctx.response.header('Cache-Control', 'public, max-age=31536000, immutable')
    ctx.response.header('Content-Type', 'font/woff2')
    return ctx.response.download(join(dirname(ROBOTO), 'files', name))
  }
}
