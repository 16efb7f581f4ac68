import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Statements a company sends with its seal (issue 17):
 *  - company_settings: one row, the letterhead (names, address, phone, tax id, bank account,
 *    logo) and the finance contact statements are replied to; edited in the panel;
 *  - customers get an address and an English name (an English statement prints it when kept);
 *  - statement numbers: sequential per year of issue, one per customer × period × ledger position
 *    (the same statement fetched again keeps its number; a changed ledger gets a new one);
 *  - a delivery may carry the full lines as XLSX next to a per-day summarised PDF (issue 20).
 */
export default class extends BaseSchema {
  async up() {
    const name = process.env.COMPANY_NAME || '演示制造有限公司'
    this.schema.raw(`
      CREATE TABLE company_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name varchar(200) NOT NULL,
        name_en varchar(200),
        address varchar(300),
        address_en varchar(300),
        phone varchar(60),
        tax_id varchar(40),
        bank_name varchar(200),
        bank_account varchar(60),
        logo_data_url text CHECK (logo_data_url IS NULL OR logo_data_url ~ '^data:image/(png|jpeg|svg\\+xml);base64,'),
        finance_contact_name varchar(120),
        finance_contact_email varchar(254),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      INSERT INTO company_settings (id, name) VALUES (1, '${name.replace(/'/g, "''")}');

      ALTER TABLE customers ADD COLUMN address varchar(300), ADD COLUMN name_en varchar(200);

      CREATE TABLE statement_number_counters (
        year integer PRIMARY KEY,
        last integer NOT NULL
      );
      CREATE TABLE statement_numbers (
        id bigserial PRIMARY KEY,
        number varchar(24) NOT NULL UNIQUE,
        year integer NOT NULL,
        seq integer NOT NULL,
        customer_id bigint NOT NULL REFERENCES customers(id),
        period_from date NOT NULL,
        period_to date NOT NULL,
        ledger_position bigint NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (year, seq),
        UNIQUE (customer_id, period_from, period_to, ledger_position)
      );

      ALTER TABLE report_deliveries ADD COLUMN xlsx bytea, ADD COLUMN xlsx_file_name varchar(200),
        ADD COLUMN statement_number varchar(24);
    `)
  }

  async down() {
    this.schema.raw(`
      ALTER TABLE report_deliveries DROP COLUMN xlsx, DROP COLUMN xlsx_file_name,
        DROP COLUMN statement_number;
      DROP TABLE statement_numbers;
      DROP TABLE statement_number_counters;
      ALTER TABLE customers DROP COLUMN address, DROP COLUMN name_en;
      DROP TABLE company_settings;
    `)
  }
}
