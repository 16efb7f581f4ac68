/*
| Ace commands live inside their modules; this loader lists them for the ace kernel. A module
| exports one command, or several (the benchmarks: one table, app/modules/bench/benchmarks.ts).
*/
import type { BaseCommand } from '@adonisjs/core/ace'

const commandImports = [
  () => import('#modules/identity/commands/user_create'),
  () => import('#modules/prepayments/commands/ledger_check'),
  () => import('#modules/prepayments/commands/fx_revalue'),
  () => import('#modules/demo/commands/demo_seed'),
  () => import('#modules/audit/commands/audit_verify'),
  () => import('#modules/approvals/commands/approvals_expire'),
  () => import('#modules/bench/benchmarks'),
  () => import('#modules/alerts/commands/alerts_evaluate'),
  () => import('#modules/alerts/commands/alerts_worker'),
  () => import('#modules/reports/commands/reports_statement'),
  () => import('#modules/reports/commands/reports_run'),
  () => import('#modules/reports/commands/reports_worker'),
  () => import('#modules/worker/commands/worker'),
  () => import('#modules/outbox/commands/outbox_work'),
  () => import('#modules/vouchers/commands/export_vouchers'),
  () => import('#modules/banking/commands/bank_import'),
  () => import('#modules/imports/commands/import_run'),
  () => import('#modules/backup/commands/backup_create'),
  () => import('#modules/backup/commands/backup_restore'),
]

let commands: (typeof BaseCommand)[] | undefined

async function loadCommands() {
  if (!commands) {
    const modules = await Promise.all(commandImports.map((importCommand) => importCommand()))
    commands = modules.flatMap(
      (module) => module.default as typeof BaseCommand | (typeof BaseCommand)[]
    )
  }
  return commands
}

export async function getMetaData() {
  const loaded = await loadCommands()
  return loaded.map((command) => command.serialize())
}

export async function getCommand(metaData: { commandName: string }) {
  const loaded = await loadCommands()
  return loaded.find((command) => command.commandName === metaData.commandName) ?? null
}
