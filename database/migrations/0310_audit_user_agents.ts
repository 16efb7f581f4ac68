import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * Each distinct user agent stored once (issue 20 goal 6, the last step): a browser's user agent
 * (70–250 bytes) was most of what a posting's audit row still carried. New rows carry its id (2 bytes)
 * in `user_agent_id`; the hash still covers the agent's text (audit_append hashes the text, the
 * verifier reads it back through the id). Rows written before keep their text in `user_agent` and
 * verify unchanged: history is not rewritten.
 *
 * No foreign key from audit_logs: the dictionary refuses updates and deletes (audit.sql, like the
 * log), and a row whose id no longer gives its text fails verification, so a per-row RI check on
 * every audit insert (imports write thousands) would prove nothing more.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE audit_user_agents (
        -- 2 bytes: the id follows hash_version (smallint) with no padding; 32,767 agents, and
        -- once they are taken a new agent is stored inline (audit_user_agent_id)
        id smallint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- a unique btree entry must fit a third of a page: longer agents stay inline
        user_agent text NOT NULL UNIQUE CHECK (octet_length(user_agent) <= 512)
      );
      ALTER TABLE audit_logs ADD COLUMN user_agent_id smallint;
      -- the text inline or its id, never both (NOT VALID: old rows have no id; no scan needed)
      ALTER TABLE audit_logs ADD CONSTRAINT audit_logs_one_user_agent
        CHECK (user_agent IS NULL OR user_agent_id IS NULL) NOT VALID;
    `)
    this.schema.raw(sqlFile('audit'))
  }

  async down() {
    // Nothing to undo safely: rows written meanwhile hold only the id of their user agent.
  }
}
