import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Webhooks: subscriptions an admin keeps, one delivery per event × subscription (fanned out by the
 * outbox dispatcher), and every attempt of a delivery (the delivery log). A delivery is pending until
 * a 2xx answer (delivered) or until its retry window ends (dead); a dead or delivered one can be
 * sent again by hand. Per subscription and ordering key (a customer), a delivery waits while an
 * earlier one is pending: the two partial indexes serve the worker's "what is due" query.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE webhook_subscriptions (
        id bigserial PRIMARY KEY,
        url varchar(2000) NOT NULL CHECK (url ~* '^https{0,1}://'),
        description varchar(200),
        -- event types delivered; '*' is every type
        events text[] NOT NULL CHECK (cardinality(events) > 0),
        -- the signing secret, encrypted with APP_KEY (admins can read and rotate it)
        secret_encrypted text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_by bigint REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        subscription_id bigint NOT NULL REFERENCES webhook_subscriptions(id),
        event_id uuid NOT NULL REFERENCES outbox_events(id),
        event_type varchar(40) NOT NULL,
        ordering_key varchar(40),
        status varchar(10) NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','delivered','dead')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- retries stop here (24 h after the delivery was created or redelivered)
        retry_until timestamptz NOT NULL DEFAULT now() + interval '24 hours',
        last_status_code smallint,
        last_error text,
        last_duration_ms int,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subscription_id, event_id)
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_ordering
        ON webhook_deliveries (subscription_id, ordering_key, id) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, id);

      CREATE TABLE webhook_attempts (
        id bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES webhook_deliveries(id),
        attempted_at timestamptz NOT NULL DEFAULT now(),
        status_code smallint,
        duration_ms int NOT NULL,
        error text,
        -- the start of the receiver's answer (at most 1 KiB kept)
        response_excerpt text
      );
      CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE IF EXISTS webhook_attempts;
      DROP TABLE IF EXISTS webhook_deliveries;
      DROP TABLE IF EXISTS webhook_subscriptions;
    `)
  }
}
