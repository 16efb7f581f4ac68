import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Notifications (到款提醒 and the rest): one row per event × person × kind, written by the outbox
 * dispatcher in its pass's transaction. The unique key makes a dispatch run twice add nothing, so a
 * retried event never notifies twice; `email_state` is the email's own at-least-once delivery
 * (pending → sending → sent; a claim older than a few minutes is taken again).
 *
 * Preferences are per person per kind; no row means the default (in-app and email).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE notifications (
        id bigserial PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users(id),
        kind varchar(30) NOT NULL
          CHECK (kind IN ('receipt_posted', 'bank_line_matched', 'approval_decided')),
        event_id uuid NOT NULL,
        -- the catalogue message (resources/lang/<locale>/notifications.json) and its values,
        -- rendered in the reader's language when read
        params jsonb NOT NULL DEFAULT '{}',
        customer_id bigint REFERENCES customers(id),
        in_app boolean NOT NULL,
        email_state varchar(8) NOT NULL
          CHECK (email_state IN ('none', 'pending', 'sending', 'sent', 'failed')),
        email_attempts int NOT NULL DEFAULT 0,
        email_claimed_at timestamptz,
        email_error text,
        emailed_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, user_id, kind)
      );
      CREATE INDEX notifications_inbox ON notifications (user_id, id DESC) WHERE in_app;
      CREATE INDEX notifications_unread ON notifications (user_id) WHERE in_app AND read_at IS NULL;
      CREATE INDEX notifications_email_due ON notifications (id)
        WHERE email_state IN ('pending', 'sending');

      CREATE TABLE notification_preferences (
        user_id bigint NOT NULL REFERENCES users(id),
        kind varchar(30) NOT NULL
          CHECK (kind IN ('receipt_posted', 'bank_line_matched', 'approval_decided')),
        delivery varchar(12) NOT NULL CHECK (delivery IN ('in_app_email', 'in_app', 'email', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, kind)
      );
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TABLE IF EXISTS notification_preferences;
      DROP TABLE IF EXISTS notifications;
    `)
  }
}
