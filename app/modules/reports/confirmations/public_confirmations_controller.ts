import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { actorFromHttp } from '#kernel/actor'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import { checkAttachment } from './attachment_check.js'
import { confirmationLabels } from './confirmation_labels.js'
import { pageLocale, renderConfirmationPage, renderNotFound } from './confirmation_page.js'
import { AnswerRefused, ConfirmationService, LinkNotFound } from './confirmation_service.js'
import type { ConfirmationRow } from './confirmation_store.js'

/**
 * /s/:token — the customer's statement confirmation page (no login: the signed token is the
 * credential, so there is no session to ride and no CSRF token). Whatever is wrong with a token
 * (form, signature, expiry, another delivery) gets the same 404 page, which names nothing.
 * The routes are rate-limited per client address.
 */
export default class PublicConfirmationsController {
  private service = new ConfirmationService()

  async show(ctx: HttpContext) {
    return this.page(ctx, async () => {
      const row = await this.service.view(ctx.params.token, customerActor(ctx))
      return this.render(ctx, row, 200)
    })
  }

  async pdf(ctx: HttpContext) {
    return this.page(ctx, async () => {
      const row = await this.service.load(ctx.params.token)
      const result = await db.rawQuery('SELECT pdf FROM report_deliveries WHERE id = ?', [
        row.delivery_id,
      ])
      return sendDownload(ctx, {
        type: FILE_TYPES.pdf,
        name: row.file_name,
        body: result.rows[0].pdf,
        headers: { 'Cache-Control': 'private, no-store' },
      })
    })
  }

  async confirm(ctx: HttpContext) {
    return this.page(ctx, async () => {
      await this.service.confirm(ctx.params.token, customerActor(ctx))
      return this.backToPage(ctx)
    })
  }

  async dispute(ctx: HttpContext) {
    return this.page(ctx, async () => {
      const row = await this.service.load(ctx.params.token)
      const t = confirmationLabels(pageLocale(row, ctx.request.qs().lang))
      const comment = String(ctx.request.input('comment') ?? '').trim()
      if (comment.length === 0 || comment.length > 2000)
        return this.render(ctx, row, 422, { error: t.commentRequired, comment })
      const file = ctx.request.file('attachment')
      let attachment: { bytes: Buffer; type: string; name: string } | undefined
      if (file && file.tmpPath && file.size > 0) {
        const bytes = await readFile(file.tmpPath)
        const verdict = await checkAttachment(bytes)
        if (!verdict.ok) {
          const error = verdict.rule === 'too_large' ? t.tooLarge : t.badType
          return this.render(ctx, row, 422, { error, comment })
        }
        attachment = { bytes, type: verdict.type, name: file.clientName }
      }
      await this.service.dispute(ctx.params.token, customerActor(ctx), { comment, attachment })
      return this.backToPage(ctx)
    })
  }

  /** Runs a page action: an unusable link is the 404 page; an answer too late is a 409 page. */
  private async page(ctx: HttpContext, work: () => Promise<unknown>) {
    ctx.response.header('X-Robots-Tag', 'noindex')
    ctx.response.header('Referrer-Policy', 'no-referrer')
    try {
      return await work()
    } catch (error) {
      if (error instanceof LinkNotFound) {
        ctx.response.status(404).header('Content-Type', 'text/html; charset=utf-8')
        return ctx.response.send(await renderNotFound())
      }
      if (error instanceof AnswerRefused) {
        const t = confirmationLabels(pageLocale(error.row, ctx.request.qs().lang))
        return this.render(ctx, error.row, 409, { error: t.refused })
      }
      throw error
    }
  }

  private async render(
    ctx: HttpContext,
    row: ConfirmationRow,
    status: number,
    extra: { error?: string; comment?: string } = {}
  ) {
    const locale = pageLocale(row, ctx.request.qs().lang)
    const html = await renderConfirmationPage(row, ctx.params.token, locale, extra)
    ctx.response.status(status).header('Content-Type', 'text/html; charset=utf-8')
    ctx.response.header('Cache-Control', 'private, no-store')
    return ctx.response.send(html)
  }

  /** Post/redirect/get: a reload of the answer page does not post again. */
  private backToPage(ctx: HttpContext) {
    const lang = ctx.request.qs().lang
    const query = lang === 'en' || lang === 'zh-CN' ? `?lang=${lang}` : ''
    return ctx.response.redirect().status(303).toPath(`/s/${ctx.params.token}${query}`)
  }
}

/** The customer, as the audit log records them: no user, their address and browser. */
function customerActor(ctx: HttpContext) {
  return { ...actorFromHttp(ctx), userId: null, role: 'customer' }
}
