import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A run's progress, read from its delivery rows in one aggregate (issue 20, month-end at scale):
 * done = sent + skipped, failed, in flight, pending; the rate is statements sent per minute since
 * the run was created (until it completed, else until now); the ETA divides what is still pending
 * or in flight by that rate. Failed rows waiting for a retry are failures here, not remaining work.
 * The API (`GET /api/v1/report-runs`) and the panel's run list both read this view.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE VIEW report_run_progress AS
      SELECT r.id, r.schedule_id, r.kind, r.locale, r.period_from, r.period_to, r.triggered_by,
             r.status, r.created_at, r.completed_at,
             p.total, p.sent, p.skipped, p.sent + p.skipped AS done, p.failed, p.sending, p.pending,
             p.last_sent_at,
             w.seconds AS elapsed_seconds,
             CASE WHEN w.seconds > 0 THEN round(p.sent * 60 / w.seconds, 1) END AS rate_per_minute,
             CASE WHEN p.pending + p.sending = 0 THEN 0
                  WHEN p.sent > 0 AND w.seconds > 0
                  THEN ceil((p.pending + p.sending) * w.seconds / p.sent)::bigint END AS eta_seconds
        FROM report_runs r
       CROSS JOIN LATERAL (
             SELECT count(*) AS total,
                    count(*) FILTER (WHERE d.status = 'sent') AS sent,
                    count(*) FILTER (WHERE d.status = 'skipped') AS skipped,
                    count(*) FILTER (WHERE d.status = 'failed') AS failed,
                    count(*) FILTER (WHERE d.status = 'sending') AS sending,
                    count(*) FILTER (WHERE d.status = 'pending') AS pending,
                    max(d.sent_at) AS last_sent_at
               FROM report_deliveries d WHERE d.run_id = r.id) p
       CROSS JOIN LATERAL (
             SELECT extract(epoch FROM coalesce(r.completed_at, clock_timestamp()) - r.created_at)::numeric
                    AS seconds) w;
    `)
  }

  async down() {
    this.schema.raw('DROP VIEW report_run_progress')
  }
}
