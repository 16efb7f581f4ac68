import pg from 'pg'
import type { Prng } from '#tests/support/invariants/prng'
import type { Model, KeyedRequest } from '#tests/support/invariants/model'
import type { World } from '#tests/support/invariants/world'
import { RequestBuilder, type Request } from '#tests/support/invariants/requests'

export interface Answer {
  status: number
  text: string
  json: any
}

/** Operations and their weights: mostly money, some decisions, invalid input and chaos. */
const WEIGHTS = {
  receipt: 30,
  application: 14,
  refund: 8,
  adjustment: 5,
  reversal: 6,
  decide: 16,
  close: 1,
  invalid: 8,
  retry: 6,
  read: 4,
  kill: 1,
}

export class Operations {
  private requests: RequestBuilder

  constructor(
    private world: World,
    private model: Model,
    private baseUrl: string,
    seed: number
  ) {
    this.requests = new RequestBuilder(world, model, seed)
  }

  /** One random operation of a simulated user, with its chaos: a key, an abort, a kill. */
  async step(rng: Prng) {
    const kind = rng.weighted(WEIGHTS)
    this.model.count(kind)
    if (kind === 'kill') return this.killConnections()
    if (kind === 'retry') return this.retry(rng)
    const request = this.requests.build(kind, rng)
    if (!request) return
    if (request.method === 'POST' && rng.chance(0.4))
      request.key = `${request.tag ?? 'k'}-${rng.int(0, 1e9)}`
    const abortAfter = rng.chance(0.06) ? rng.int(0, 25) : null
    const answer = await this.send(request, abortAfter)
    this.record(request, answer)
  }

  /** Sends a keyed request again: the same body replays its answer; another body is a 409. */
  private async retry(rng: Prng) {
    const candidates = this.model.keyed.filter((k) => k.answer === null || k.answer.status < 300)
    if (!candidates.length) return
    const keyed = rng.pick(candidates)
    // another body under a key only once the key's answer is known (else it may run afresh)
    const changed = keyed.answer !== null && rng.chance(0.2)
    const body = changed
      ? keyed.body.replace(/"memo":"[^"]*"/, `"memo":"${this.requests.tag()}"`)
      : keyed.body
    const answer = await this.raw(keyed.actorToken, keyed.method, keyed.path, body, keyed.key, null)
    if (!answer) return this.model.unknown(null)
    if (changed && body !== keyed.body) {
      const memo = JSON.parse(body).memo
      if (answer.status >= 500) return this.model.unknown(memo)
      if (answer.status !== 409) {
        this.model.violations.push(`reused key with another body → ${answer.status} ${answer.text}`)
      }
      return this.model.refused(answer.status, answer.json?.errors?.[0]?.rule, memo)
    }
    if (answer.status >= 500) return this.model.unknown(keyed.tag)
    if (keyed.answer) {
      this.model.replaysChecked++
      if (answer.text !== keyed.answer.text || answer.status !== keyed.answer.status) {
        this.model.violations.push(
          `replay of ${keyed.key} differs: ${answer.text} vs ${keyed.answer.text}`
        )
      }
      return
    }
    // the first attempt's outcome was unknown: this answer is the definite one
    keyed.answer = answer.status < 300 ? { status: answer.status, text: answer.text } : null
    this.interpret(
      {
        kind: 'retry',
        method: 'POST',
        path: keyed.path,
        tag: keyed.tag,
        approvalId: keyed.approvalId,
        actor: this.world.actors.find((a) => a.token === keyed.actorToken)!,
      },
      answer
    )
  }

  /** pg_terminate_backend of every other connection to the database, from a connection of its own. */
  private async killConnections() {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL })
    // another simulated user's kill may end this connection while it is idle
    client.on('error', () => {})
    try {
      await client.connect()
      const result = await client.query(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid()
            AND backend_type = 'client backend'`
      )
      this.model.kills += Number(result.rows[0].n)
    } catch {
      // another simulated user's kill took this connection too
    } finally {
      await client.end().catch(() => {})
    }
  }

  private async send(request: Request, abortAfter: number | null): Promise<Answer | null> {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body)
    return this.raw(
      request.actor.token,
      request.method,
      request.path,
      body,
      request.key,
      abortAfter
    )
  }

  private async raw(
    token: string,
    method: string,
    path: string,
    body: string | undefined,
    key: string | undefined,
    abortAfter: number | null
  ): Promise<Answer | null> {
    const controller = new AbortController()
    const timer = abortAfter === null ? null : setTimeout(() => controller.abort(), abortAfter)
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        signal: controller.signal,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body,
      })
      const text = await response.text()
      let json: any = null
      try {
        json = JSON.parse(text)
      } catch {
        throw new Error(
          `${method} ${path} answered ${response.status} without JSON: ${text.slice(0, 200)}`
        )
      }
      if (response.status >= 500) {
        const label = `${response.status} ${json?.errors?.[0]?.rule}`
        this.model.serverErrors.set(label, (this.model.serverErrors.get(label) ?? 0) + 1)
      }
      return { status: response.status, text, json }
    } catch (error) {
      if ((error as Error).name === 'AbortError' || (error as any).cause?.code === 'ECONNRESET')
        return null
      throw error
    } finally {
      if (timer) clearTimeout(timer)
    }
  }

  private record(request: Request, answer: Answer | null) {
    if (request.key) {
      const keyed: KeyedRequest = {
        actorToken: request.actor.token,
        key: request.key,
        method: request.method,
        path: request.path,
        body: JSON.stringify(request.body),
        tag: request.tag,
        approvalId: request.approvalId,
        answer: answer && answer.status < 300 ? { status: answer.status, text: answer.text } : null,
      }
      // a refused keyed request stored nothing: retrying it would run it afresh
      if (!answer || answer.status < 300 || answer.status >= 500) this.model.keyed.push(keyed)
    }
    this.interpret(request, answer)
  }

  /** Folds an answer into the model. */
  private interpret(request: Request, answer: Answer | null) {
    const { model } = this
    if (request.approvalId !== undefined && (!answer || answer.status >= 500)) {
      model.unknownDecisions.add(request.approvalId)
      return model.unknown(null)
    }
    if (!answer || answer.status >= 500) return model.unknown(request.tag)
    if (answer.status >= 400) {
      const rule = answer.json?.errors?.[0]?.rule ?? 'none'
      const tag = request.approvalId === undefined ? request.tag : null
      return model.refused(answer.status, rule, tag)
    }
    if (request.method === 'GET' || request.kind === 'close') return model.outcomes.acknowledged++
    const body = answer.json
    if (answer.status === 201 && body.journalNo) return model.posted(body)
    if (answer.status === 202) {
      model.outcomes.acknowledged++
      model.pending.set(body.id, {
        id: body.id,
        tag: request.tag!,
        requesterId: request.actor.userId,
      })
      if (request.tag) model.requestedTags.add(request.tag)
      return
    }
    // a decision
    const approval = body.approval
    model.outcomes.acknowledged++
    if (!approval) return
    if (approval.status === 'pending') return
    model.pending.delete(approval.id)
    if (approval.status === 'approved' && body.result?.journalNo) {
      model.outcomes.acknowledged--
      model.posted(body.result)
    } else if (request.tag) {
      model.refusedTags.add(request.tag)
    }
  }
}
