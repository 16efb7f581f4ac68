import { AppCommand } from '#kernel/cli_command'

export default class DemoSeed extends AppCommand {
  static commandName = 'demo:seed'
  static description =
    'Seed the demo company (users, customers, projects, months of movements) once'

  async run() {
    const { DemoSeeder } = await import('#modules/demo/demo_seeder')
    const { reactionsSettled } = await import('#kernel/unit_of_work')
    const seeder = await this.app.container.make(DemoSeeder)
    const outcome = await seeder.seedOnce()
    // The alerts (and their emails) of the last postings, before the pool closes.
    await reactionsSettled()
    if (outcome === 'skipped') this.logger.info('demo data already present')
    else
      this.logger.success(
        `demo company seeded: ${outcome.customers} customers, ${outcome.journals} journals`
      )
    this.logger.info('Logins (password for all: Demo#2026):')
    this.logger.info(
      '  admin@demo.local (admin) · finance@demo.local (finance) · manager@demo.local (finance_manager)'
    )
    this.logger.info(
      '  sales1@demo.local (sales) · auditor@demo.local (auditor) · ceo@demo.local (executive)'
    )
  }
}
