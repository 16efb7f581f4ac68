import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 科目对照: our ledger accounts → the codes of the customer's chart in their ERP (用友 / 金蝶). A
 * voucher export refuses to run while an account it needs has no row here. Seeded with our codes
 * mapped to themselves (they follow the PRC enterprise chart), customers kept on 预收账款 and 应收账款,
 * projects on 预收账款; finance edits them in the panel or API.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE voucher_account_map (
        account_code varchar(8) PRIMARY KEY REFERENCES ledger_accounts(code),
        external_code varchar(40) NOT NULL CHECK (external_code ~ '^[0-9A-Za-z.\\-]+$'),
        external_name varchar(80),
        -- which auxiliary accounting (辅助核算) the ERP keeps on this account: customer, project
        customer_aux boolean NOT NULL DEFAULT false,
        project_aux boolean NOT NULL DEFAULT false,
        updated_by bigint REFERENCES users(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO voucher_account_map (account_code, external_code, external_name, customer_aux, project_aux)
        SELECT code, code, name_zh, code IN ('2203', '1122'), code = '2203' FROM ledger_accounts;
    `)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS voucher_account_map')
  }
}
