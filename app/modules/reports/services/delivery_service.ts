import { createHash, randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { Conflict, NotFound } from '#kernel/errors'
import { sendMail } from '#kernel/mailer'
import { newestRows } from '#kernel/table_rows'
import { systemActor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'
import { ExecPackBuilder } from '#modules/reports/services/exec_pack_builder'
import { execPackFileName, renderReportPdf } from '#modules/reports/services/report_renderer'
import { renderStatementFiles } from '#modules/reports/services/statement_files'
import { loadCompanyProfile } from '#kernel/company_profile'
import { StatementBuilder } from '#modules/reports/services/statement_builder'
import type { RunRow } from '#modules/reports/services/run_service'
import { deliveryMessage } from '#modules/reports/services/delivery_message'
import { linkLifetimeDays } from '#modules/reports/confirmations/confirmation_token'
import {
  recordStatementSent,
  statementSnapshot,
} from '#modules/reports/confirmations/confirmation_store'
import { sharedRenderer } from '#reports/renderer'

export interface DeliveryRow {
  id: number
  run_id: number
  customer_id: number | null
  recipient_key: string
  recipients: string[]
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'
  attempts: number
  error: string | null
  claimed_by: string | null
  claimed_at: Date | null
  pdf: Buffer | null
  pdf_sha256: string | null
  file_name: string | null
  ledger_position: number | null
  message_id: string | null
  sent_at: Date | null
  send_count: number
  cc: string[]
  locale: 'zh-CN' | 'en' | null
  link_expires_at: Date | null
  xlsx: Buffer | null
  xlsx_file_name: string | null
  statement_number: string | null
}

export interface WorkerOptions {
  /** a claim older than this belongs to a crashed worker and may be taken over */
  claimTimeoutSeconds?: number
  /** attempts before a delivery stays failed (a finance manager can still resend it) */
  maxAttempts?: number
  /** deliveries in flight at once in this process (default: pages × REPORTS_CLAIMS_PER_PAGE) */
  concurrency?: number
}

const DEFAULTS = {
  claimTimeoutSeconds: Number(process.env.REPORTS_CLAIM_TIMEOUT_SECONDS ?? 300),
  maxAttempts: 5,
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
}

export function deliveryView(
  row: DeliveryRow & { customer_code?: string; customer_name?: string }
) {
  return {
    id: row.id,
    runId: row.run_id,
    customerId: row.customer_id,
    customerCode: row.customer_code ?? null,
    customerName: row.customer_name ?? null,
    recipients: row.recipients,
    cc: row.cc ?? [],
    locale: row.locale ?? null,
    status: row.status,
    attempts: row.attempts,
    error: row.error,
    pdfSha256: row.pdf_sha256,
    fileName: row.file_name,
    ledgerPosition: row.ledger_position,
    messageId: row.message_id,
    sentAt: row.sent_at,
    sendCount: row.send_count,
  }
}

const DELIVERY_COLUMNS = `d.id, d.run_id, d.customer_id, d.recipient_key, d.recipients, d.status, d.attempts,
  d.error, d.claimed_by, d.claimed_at, d.pdf_sha256, d.file_name, d.ledger_position, d.message_id,
  d.sent_at, d.send_count, d.cc, d.locale, d.link_expires_at`

/**
 * Delivers a run's reports. Each worker claims one delivery row at a time (SKIP LOCKED), renders
 * its PDF once (the bytes, their SHA-256 and the ledger position are stored on the row before
 * sending), sends it, and marks it sent while still holding the claim. A claim left by a crashed
 * worker expires after `claimTimeoutSeconds`; a sent row is never claimed again.
 */
@inject()
export class DeliveryService {
  constructor(
    private statements: StatementBuilder,
    private execPacks: ExecPackBuilder
  ) {}

  async claimNext(runId: number, workerId: string, options: WorkerOptions = {}) {
    const { claimTimeoutSeconds, maxAttempts } = { ...DEFAULTS, ...options }
    const result = await db.rawQuery(
      `UPDATE report_deliveries SET status = 'sending', claimed_by = :worker, claimed_at = clock_timestamp(),
              started_at = clock_timestamp(), attempts = attempts + 1, updated_at = now()
        WHERE id = (
          SELECT id FROM report_deliveries
           WHERE run_id = :runId
             AND ((status IN ('pending', 'failed') AND attempts < :maxAttempts AND next_attempt_at <= now())
               OR (status = 'sending' AND claimed_at < clock_timestamp() - make_interval(secs => :timeout)))
           ORDER BY id
           FOR UPDATE SKIP LOCKED
           LIMIT 1)
        RETURNING *`,
      { worker: workerId, runId, maxAttempts, timeout: claimTimeoutSeconds }
    )
    return (result.rows[0] as DeliveryRow | undefined) ?? null
  }

  /** Claims and delivers until the run has nothing claimable left; returns how many this worker sent. */
  async drainRun(runId: number, workerId = newWorkerId(), options: WorkerOptions = {}) {
    const runs = await db.rawQuery('SELECT * FROM report_runs WHERE id = ?', [runId])
    const run: RunRow | undefined = runs.rows[0]
    if (!run) throw new NotFound('report run')
    // claim loops per renderer page (REPORTS_CLAIMS_PER_PAGE, default 2): while one delivery
    // builds, stores or sends its statement, the other has the page, so no page waits on
    // PostgreSQL or SMTP. Each loop is one more message that a crash can catch between the SMTP
    // server's 250 and the row marked sent (docs/reports.md, "exactly once").
    const claimsPerPage = Math.max(1, Number(process.env.REPORTS_CLAIMS_PER_PAGE ?? 2) || 1)
    const loops = options.concurrency ?? sharedRenderer().poolSize * claimsPerPage
    let sent = 0
    await Promise.all(
      Array.from({ length: loops }, async (_, loop) => {
        // each loop claims under its own name (`worker#n`): a loop stalled past the lease loses
        // its claim to any other, one of its own worker's included, and can no longer store or
        // send what it held
        const claimer = `${workerId}#${loop + 1}`
        for (;;) {
          const delivery = await this.claimNext(runId, claimer, options)
          if (!delivery) break
          if (await this.deliver(run, delivery, claimer)) sent++
        }
      })
    )
    await this.finishRun(runId, options)
    return sent
  }

  private async deliver(run: RunRow, delivery: DeliveryRow, workerId: string): Promise<boolean> {
    try {
      let pdf = delivery.pdf
      let fileName = delivery.file_name
      if (!pdf) {
        const frozen = await this.freeze(run, delivery, workerId)
        if (!frozen) return false // the claim was taken over: leave it to its new owner
        ;({ pdf, fileName } = frozen)
        Object.assign(delivery, frozen.row)
      }
      // still ours? (a worker slower than the claim timeout must not send what another now owns)
      const owned = await db.rawQuery(
        `UPDATE report_deliveries SET claimed_at = clock_timestamp() WHERE id = ? AND claimed_by = ? AND status = 'sending' RETURNING id`,
        [delivery.id, workerId]
      )
      if (!owned.rows.length) return false
      const { messageId } = await sendMail(
        deliveryMessage(
          run,
          delivery,
          pdf,
          fileName!,
          `<report-delivery-${delivery.id}@advance-ledger>`,
          await replyAddress()
        )
      )
      await this.markSent(delivery, workerId, messageId)
      return true
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      logger.warn({ err: error, deliveryId: delivery.id }, 'report delivery failed')
      await db.rawQuery(
        `UPDATE report_deliveries SET status = 'failed', error = ?, claimed_by = NULL, claimed_at = NULL,
                next_attempt_at = now() + make_interval(secs => least(600, 5 * power(2, attempts))),
                updated_at = now()
          WHERE id = ? AND claimed_by = ? AND status = 'sending'`,
        [message.slice(0, 2000), delivery.id, workerId]
      )
      return false
    }
  }

  /**
   * Renders the document once and freezes it before it leaves (a retry sends these very bytes):
   * the PDF, its SHA-256, the ledger position, and for a statement the figures the confirmation
   * page shows and the expiry of its signed link. Null when the claim was taken over.
   */
  private async freeze(run: RunRow, delivery: DeliveryRow, workerId: string) {
    const period = { from: run.period_from, to: run.period_to }
    const locale = delivery.locale ?? run.locale
    const vm =
      run.kind === 'exec_pack'
        ? await this.execPacks.build(period, locale)
        : await this.statements.build(delivery.customer_id!, period, locale)
    const files =
      vm.kind === 'statement'
        ? await renderStatementFiles(vm)
        : {
            pdf: await renderReportPdf(vm),
            pdfName: execPackFileName(vm),
            xlsx: null,
            xlsxName: null,
          }
    const { pdf, pdfName: fileName } = files
    const snapshot = vm.kind === 'statement' ? statementSnapshot(vm) : null
    const expires = vm.kind === 'statement' ? linkLifetimeDays() : null
    const stored = await db.rawQuery(
      `UPDATE report_deliveries SET pdf = ?, pdf_sha256 = ?, file_name = ?, ledger_position = ?,
              snapshot = ?::jsonb, locale = ?, xlsx = ?, xlsx_file_name = ?, statement_number = ?,
              link_expires_at = now() + make_interval(days => ?::int), updated_at = now()
        WHERE id = ? AND claimed_by = ? AND status = 'sending'
        RETURNING pdf_sha256, locale, link_expires_at, xlsx, xlsx_file_name`,
      [
        pdf,
        sha256(pdf),
        fileName,
        vm.ledgerPosition,
        snapshot === null ? null : JSON.stringify(snapshot),
        locale,
        files.xlsx,
        files.xlsx ? files.xlsxName : null,
        vm.kind === 'statement' ? vm.statementNo : null,
        expires,
        delivery.id,
        workerId,
      ] as any[]
    )
    if (!stored.rows.length) return null
    return { pdf, fileName, row: stored.rows[0] as Partial<DeliveryRow> }
  }

  /** A document left the company: recorded on the delivery and in the audit log, together. */
  private async markSent(delivery: DeliveryRow, workerId: string, messageId: string) {
    await runInTransaction(systemActor('reports'), async (uow) => {
      const sent = await uow.trx.rawQuery(
        `UPDATE report_deliveries SET status = 'sent', sent_at = now(), message_id = ?, error = NULL,
                send_count = send_count + 1, updated_at = now()
          WHERE id = ? AND claimed_by = ? RETURNING pdf_sha256, file_name`,
        [messageId, delivery.id, workerId]
      )
      if (!sent.rows.length) return
      if (delivery.customer_id !== null) await recordStatementSent(uow, delivery.id)
      const after = {
        runId: delivery.run_id,
        customerId: delivery.customer_id,
        recipients: delivery.recipients,
        fileName: sent.rows[0].file_name,
        pdfSha256: sent.rows[0].pdf_sha256,
        messageId,
        worker: workerId,
      }
      uow.audit({ entityType: 'report_delivery', entityId: delivery.id, action: 'send', after })
      // a customer's statement (an executive pack has no customer and is no statement)
      if (delivery.customer_id !== null) {
        uow.publish({
          type: 'statement.sent',
          customerId: delivery.customer_id,
          data: {
            deliveryId: delivery.id,
            ledgerPosition: delivery.ledger_position,
            runId: after.runId,
            recipients: after.recipients,
            fileName: after.fileName,
            pdfSha256: after.pdfSha256,
            messageId,
          },
        })
      }
    })
  }

  /** A run is completed once no delivery is pending, in flight or due for another attempt. */
  async finishRun(runId: number, options: WorkerOptions = {}) {
    const { maxAttempts } = { ...DEFAULTS, ...options }
    await db.rawQuery(
      `UPDATE report_runs SET status = CASE WHEN EXISTS (SELECT 1 FROM report_deliveries
                WHERE run_id = :runId AND status = 'failed') THEN 'failed' ELSE 'completed' END,
              completed_at = now()
        WHERE id = :runId AND status = 'running' AND NOT EXISTS (
          SELECT 1 FROM report_deliveries WHERE run_id = :runId
             AND (status IN ('pending', 'sending') OR (status = 'failed' AND attempts < :maxAttempts)))`,
      { runId, maxAttempts }
    )
  }

  async list(filters: { runId?: number; customerId?: number; status?: string; limit: number }) {
    const rows = await newestRows<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS}, c.code AS customer_code, c.name AS customer_name
         FROM report_deliveries d LEFT JOIN customers c ON c.id = d.customer_id`,
      {
        'd.run_id': filters.runId,
        'd.customer_id': filters.customerId,
        'd.status': filters.status,
      },
      'd.id',
      filters.limit
    )
    return rows.map(deliveryView)
  }

  async findWithFiles(id: number): Promise<DeliveryRow> {
    const result = await db.rawQuery('SELECT * FROM report_deliveries WHERE id = ?', [id])
    if (!result.rows[0]) throw new NotFound('report delivery')
    return result.rows[0]
  }

  /** Sends the stored PDF again (same bytes), to its recipients or to the given addresses; audited. */
  async resend(uow: UnitOfWork, id: number, to?: string[]) {
    const locked = await uow.trx.rawQuery(
      'SELECT * FROM report_deliveries WHERE id = ? FOR UPDATE',
      [id]
    )
    const delivery: DeliveryRow | undefined = locked.rows[0]
    if (!delivery) throw new NotFound('report delivery')
    if (!delivery.pdf)
      throw new Conflict(
        'not_rendered',
        'this delivery has no stored PDF yet; it has not been sent'
      )
    const runs = await uow.trx.rawQuery('SELECT * FROM report_runs WHERE id = ?', [delivery.run_id])
    const run: RunRow = runs.rows[0]
    const recipients = to?.length ? to : delivery.recipients
    if (!recipients.length)
      throw new Conflict('no_recipients', 'the delivery has no recipients; give "to"')
    const { messageId } = await sendMail(
      deliveryMessage(
        run,
        { ...delivery, recipients },
        delivery.pdf,
        delivery.file_name!,
        `<report-delivery-${delivery.id}-resend-${delivery.send_count + 1}@advance-ledger>`,
        await replyAddress()
      )
    )
    const updated = await uow.trx.rawQuery(
      `UPDATE report_deliveries SET send_count = send_count + 1, message_id = ?, updated_at = now() WHERE id = ? RETURNING *`,
      [messageId, id]
    )
    uow.audit({
      entityType: 'report_delivery',
      entityId: id,
      action: 'resend',
      after: { recipients, pdfSha256: delivery.pdf_sha256, messageId },
    })
    return deliveryView(updated.rows[0])
  }
}

/** The company's finance contact, where customers' answers go (company settings). */
async function replyAddress(): Promise<string | null> {
  const profile = await loadCompanyProfile()
  return profile.financeContactEmail
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}
