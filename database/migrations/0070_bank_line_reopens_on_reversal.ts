import { BaseSchema } from '@adonisjs/lucid/schema'

/** What is matched of a line: links to journals still live (a reversed receipt proves nothing). */
const LIVE_MATCHED = `coalesce((SELECT sum(m.amount) FROM bank_line_matches m
       WHERE m.bank_line_id = NEW.bank_line_id
         AND NOT EXISTS (SELECT 1 FROM journals r WHERE r.reverses_journal_id = m.journal_id)), 0)`

/**
 * A receipt a bank line proved, later reversed (红冲): the line's money is again unaccounted for, so
 * the line goes back to the work queue (status unmatched, with a note naming the reversal) in the
 * reversal's own transaction, whatever path reversed it. Its old link stays (links are immutable)
 * but counts no more: a line is never matched beyond its amount of LIVE links, so it can be
 * confirmed, split or set aside again.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION bank_line_match_fits() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v_line record;
      BEGIN
        SELECT amount, status, direction INTO v_line FROM bank_lines WHERE id = NEW.bank_line_id FOR UPDATE;
        IF v_line.status = 'ignored' OR NEW.amount + ${LIVE_MATCHED} > v_line.amount THEN
          RAISE EXCEPTION 'bank line % would be matched beyond its amount', NEW.bank_line_id
            USING ERRCODE = 'ALK01';
        END IF;
        RETURN NEW;
      END $$;

      CREATE FUNCTION bank_line_reopen_on_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE bank_lines l
           SET status = 'unmatched',
               status_note = '关联收款已红冲 linked journal ' || NEW.reverses_journal_id || ' reversed by ' || NEW.id,
               status_by = NEW.created_by,
               status_at = now()
          FROM bank_line_matches m
         WHERE m.journal_id = NEW.reverses_journal_id AND l.id = m.bank_line_id
           AND l.status IN ('matched', 'suggested');
        RETURN NEW;
      END $$;
      CREATE TRIGGER journals_reopen_bank_line AFTER INSERT ON journals
        FOR EACH ROW WHEN (NEW.reverses_journal_id IS NOT NULL)
        EXECUTE FUNCTION bank_line_reopen_on_reversal();
    `)
  }

  async down() {
    this.schema.raw(`
      DROP TRIGGER IF EXISTS journals_reopen_bank_line ON journals;
      DROP FUNCTION IF EXISTS bank_line_reopen_on_reversal();
      CREATE OR REPLACE FUNCTION bank_line_match_fits() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE v_line record;
      BEGIN
        SELECT amount, status, direction INTO v_line FROM bank_lines WHERE id = NEW.bank_line_id FOR UPDATE;
        IF v_line.status = 'ignored' OR NEW.amount + coalesce(
             (SELECT sum(amount) FROM bank_line_matches WHERE bank_line_id = NEW.bank_line_id), 0)
           > v_line.amount THEN
          RAISE EXCEPTION 'bank line % would be matched beyond its amount', NEW.bank_line_id
            USING ERRCODE = 'ALK01';
        END IF;
        RETURN NEW;
      END $$;
    `)
  }
}
