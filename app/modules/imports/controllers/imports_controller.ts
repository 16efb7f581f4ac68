import type { HttpContext } from '@adonisjs/core/http'
import { InvalidInput } from '#kernel/errors'
import { FILE_TYPES, sendDownload } from '#kernel/download'
import { actorFromHttp, type Actor } from '#kernel/actor'
import { ImportJobs } from '#modules/imports/services/import_jobs'
import { errorReport, importTemplate } from '#modules/imports/services/import_sheets'
import { IMPORT_KINDS, type ImportKindName } from '#modules/imports/kinds/profiles'

function parseMapping(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null || value === '') return undefined
  try {
    const parsed = typeof value === 'string' ? JSON.parse(value) : value
    if (
      parsed &&
      typeof parsed === 'object' &&
      Object.values(parsed).every((v) => typeof v === 'string')
    ) {
      return parsed as Record<string, string>
    }
  } catch {}
  throw new InvalidInput('mapping', 'json', 'mapping must be a JSON object of header → field')
}

/** Imports: upload (dry run), commit, approve or reject, show, template and error report downloads. */
export default class ImportsController {
  private jobs = new ImportJobs()

  /** Who calls: the bearer token's user (the panel's controller takes its session user instead). */
  protected async actor(ctx: HttpContext): Promise<Actor> {
    return actorFromHttp(ctx)
  }

  async store(ctx: HttpContext) {
    const file = ctx.request.file('file', { size: '20mb', extnames: ['csv', 'xlsx', 'txt'] })
    if (!file || !file.tmpPath)
      throw new InvalidInput('file', 'required', 'file is required (CSV or XLSX)')
    if (!file.isValid) throw fileRefusal(file.errors[0])
    const goLiveDate = ctx.request.input('goLiveDate') ?? null
    if (goLiveDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(goLiveDate)) {
      throw new InvalidInput('goLiveDate', 'date', 'goLiveDate must be YYYY-MM-DD')
    }
    const view = await this.jobs.upload(await this.actor(ctx), {
      kind: String(ctx.request.input('kind') ?? ''),
      fileName: file.clientName,
      file: file.tmpPath,
      goLiveDate,
      mapping: parseMapping(ctx.request.input('mapping')),
    })
    return ctx.response.status('duplicateOf' in view ? 200 : 201).send(view)
  }

  async show(ctx: HttpContext) {
    return this.jobs.show(await this.actor(ctx), Number(ctx.params.id))
  }

  async commit(ctx: HttpContext) {
    const view = await this.jobs.commit(await this.actor(ctx), Number(ctx.params.id))
    return ctx.response.status(view.status === 'awaiting_approval' ? 202 : 200).send(view)
  }

  async approve(ctx: HttpContext) {
    return this.jobs.approve(await this.actor(ctx), Number(ctx.params.id))
  }

  async reject(ctx: HttpContext) {
    const reason = ctx.request.input('reason')
    if (
      reason !== undefined &&
      reason !== null &&
      (typeof reason !== 'string' || reason.length > 500)
    ) {
      throw new InvalidInput('reason', 'maxLength', 'reason must be text of at most 500 characters')
    }
    return this.jobs.reject(await this.actor(ctx), Number(ctx.params.id), reason || null)
  }

  async errorReport(ctx: HttpContext) {
    const actor = await this.actor(ctx)
    await this.jobs.show(actor, Number(ctx.params.id))
    const job = await this.jobs.find(Number(ctx.params.id))
    const bytes = await errorReport(job as any)
    return sendDownload(ctx, {
      type: FILE_TYPES.xlsx,
      name: `import-${job.id}-errors.xlsx`,
      body: bytes,
    })
  }

  async template(ctx: HttpContext) {
    await this.actor(ctx)
    const kind = ctx.params.kind as ImportKindName
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
      throw new InvalidInput('kind', 'enum', `kind must be one of ${IMPORT_KINDS.join(', ')}`)
    }
    return sendDownload(ctx, {
      type: FILE_TYPES.xlsx,
      name: `import-template-${kind}.xlsx`,
      body: await importTemplate(kind),
    })
  }
}

/** Why an upload is not taken, as a rule the reader's language names (errors.json). */
function fileRefusal(error: { type: string; message: string }) {
  // a file over 20 MB never gets here: the body parser answers 413 first (config/bodyparser.ts)
  if (error.type === 'extname')
    return new InvalidInput('file', 'fileType', 'only CSV or XLSX files are accepted')
  return new InvalidInput('file', 'file', error.message)
}
