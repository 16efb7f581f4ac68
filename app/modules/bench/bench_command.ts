import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

export default class Bench extends BaseCommand {
  static commandName = 'bench'
  static description = 'Run the benchmarks under bench/ and print their figures'
  static options: CommandOptions = { startApp: false }

  async run() {
    this.logger.info('see bench/README.md')
  }
}
