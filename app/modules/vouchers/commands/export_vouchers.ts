import { BaseCommand } from '@adonisjs/core/ace'
export default class ExportVouchers extends BaseCommand {
  static commandName = 'export:vouchers'
}
