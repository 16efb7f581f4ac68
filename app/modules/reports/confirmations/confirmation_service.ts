import { createHash } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { Actor } from '#kernel/actor'
import { runInTransaction, type UnitOfWork } from '#kernel/unit_of_work'
import { raiseAlert } from '#modules/alerts/public'
import { verifyConfirmationToken, parseConfirmationToken } from './confirmation_token.js'
import { confirmationView, findConfirmation, type ConfirmationRow } from './confirmation_store.js'

/** The link does not lead anywhere: bad form, bad signature, expired, or no such statement. */
export class LinkNotFound extends Error {}

/** The answer is refused in the statement's present state (already answered, superseded). */
export class AnswerRefused extends Error {
  constructor(readonly row: ConfirmationRow) {
    super(`the statement is ${row.status}`)
  }
}

export interface DisputeInput {
  comment: string
  attachment?: { bytes: Buffer; type: string; name: string }
}

const ANSWERABLE = ['sent', 'viewed']

/**
 * What the customer does through the signed link (no login). Every step checks the token against
 * the delivery's stored PDF hash, runs in one transaction with the row locked, and is audited with
 * the customer's address and user agent (the actor). A confirmed statement cannot be disputed nor
 * a disputed one confirmed until finance reopens it.
 */
export class ConfirmationService {
  /** The statement for a token, or LinkNotFound (the same for every reason: nothing leaks). */
  async load(token: string): Promise<ConfirmationRow> {
    const parts = parseConfirmationToken(token)
    if (!parts) throw new LinkNotFound()
    const row = await findConfirmation(db.connection(), parts.deliveryId)
    if (
      !row ||
      !verifyConfirmationToken(token, { id: parts.deliveryId, pdfSha256: row.pdf_sha256 })
    )
      throw new LinkNotFound()
    return row
  }

  /** Opening the page: sent → viewed (the first time only). */
  async view(token: string, actor: Actor): Promise<ConfirmationRow> {
    const row = await this.load(token)
    if (row.status !== 'sent') return row
    return runInTransaction(actor, async (uow) => {
      const locked = (await findConfirmation(uow.trx, row.delivery_id, true))!
      if (locked.status !== 'sent') return locked
      await uow.trx.rawQuery(
        `UPDATE statement_confirmations SET status = 'viewed', viewed_at = now(), viewed_ip = ?,
                viewed_user_agent = ?, updated_at = now() WHERE delivery_id = ?`,
        [actor.ip, clip(actor.userAgent), row.delivery_id] as any[]
      )
      return this.audited(uow, locked, 'view')
    })
  }

  async confirm(token: string, actor: Actor): Promise<ConfirmationRow> {
    const row = await this.load(token)
    return runInTransaction(actor, async (uow) => {
      const locked = await this.answerable(uow, row.delivery_id, 'confirmed')
      if (locked.status === 'confirmed') return locked // a double tap: already done
      await this.answer(uow, locked, 'confirmed', null)
      const after = await this.audited(uow, locked, 'confirm')
      uow.publish({
        type: 'statement.confirmed',
        customerId: Number(after.customer_id),
        data: eventData(after),
      })
      return after
    })
  }

  async dispute(token: string, actor: Actor, input: DisputeInput): Promise<ConfirmationRow> {
    const row = await this.load(token)
    return runInTransaction(actor, async (uow) => {
      const locked = await this.answerable(uow, row.delivery_id, 'disputed')
      if (locked.status === 'disputed') return locked
      await this.answer(uow, locked, 'disputed', input)
      const alert = await raiseAlert(uow, {
        ruleCode: 'statement_disputed',
        subjectType: 'statement',
        subjectId: Number(locked.delivery_id),
        customerId: Number(locked.customer_id),
        messageKey: 'statement_disputed',
        params: {
          customer: locked.customer_name,
          from: locked.period_from,
          to: locked.period_to,
          deliveryId: Number(locked.delivery_id),
          comment: input.comment.slice(0, 200),
        },
      })
      if (alert) {
        await uow.trx.rawQuery(
          'UPDATE statement_confirmations SET alert_id = ? WHERE delivery_id = ?',
          [alert.id, locked.delivery_id]
        )
      }
      const after = await this.audited(uow, locked, 'dispute')
      uow.publish({
        type: 'statement.disputed',
        customerId: Number(after.customer_id),
        data: { ...eventData(after), comment: after.comment, alertId: alert?.id ?? null },
      })
      return after
    })
  }

  /** Locks the row; refuses an answer other than the one already given, and superseded statements. */
  private async answerable(uow: UnitOfWork, deliveryId: number, wanted: string) {
    const locked = (await findConfirmation(uow.trx, deliveryId, true))!
    if (ANSWERABLE.includes(locked.status) || locked.status === wanted) return locked
    throw new AnswerRefused(locked)
  }

  private async answer(
    uow: UnitOfWork,
    row: ConfirmationRow,
    status: 'confirmed' | 'disputed',
    dispute: DisputeInput | null
  ) {
    const file = dispute?.attachment
    await uow.trx.rawQuery(
      `UPDATE statement_confirmations
          SET status = :status, answered_at = now(), answered_ip = :ip, answered_user_agent = :ua,
              viewed_at = coalesce(viewed_at, now()), viewed_ip = coalesce(viewed_ip, :ip),
              viewed_user_agent = coalesce(viewed_user_agent, :ua),
              comment = :comment, attachment = :bytes, attachment_type = :type,
              attachment_name = :name, attachment_sha256 = :sha, updated_at = now()
        WHERE delivery_id = :id`,
      {
        status,
        ip: uow.actor.ip,
        ua: clip(uow.actor.userAgent),
        comment: dispute?.comment ?? null,
        bytes: file?.bytes ?? null,
        type: file?.type ?? null,
        name: file?.name.slice(0, 200) ?? null,
        sha: file ? createHash('sha256').update(file.bytes).digest('hex') : null,
        id: row.delivery_id,
      } as any
    )
  }

  /** Reads the row back and audits the step (before and after, without the attachment's bytes). */
  private async audited(uow: UnitOfWork, before: ConfirmationRow, action: string) {
    const after = (await findConfirmation(uow.trx, before.delivery_id))!
    uow.audit({
      entityType: 'statement_confirmation',
      entityId: before.delivery_id,
      action,
      before: { status: before.status },
      after: confirmationView(after),
    })
    return after
  }
}

function eventData(row: ConfirmationRow) {
  const view = confirmationView(row)
  return {
    deliveryId: view.deliveryId,
    period: view.period,
    status: view.status,
    answeredAt: view.answeredAt,
    pdfSha256: view.pdfSha256,
  }
}

const clip = (value: string | null) => (value === null ? null : value.slice(0, 500))
