import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { instant } from '#modules/admin/panel/resource_helpers'

const systemArea = panelArea(MENU.system, 'backups.read')

/** The backup catalogue (admins, auditors): read-only; backups are written by the worker and CLI. */
function backupResource() {
  return systemArea.resource(
    {
      table: 'backups',
      columns: [
        { name: 'id', type: 'number', sortable: true },
        instant('takenAt', 'backups.taken_at'),
        { name: 'fileName', sql: 'backups.file_name', isTitle: true, filter: 'ilike' },
        { name: 'format', sql: 'backups.format', availableValues: ['pg_dump', 'copy'] },
        {
          name: 'trigger',
          sql: 'backups.trigger',
          availableValues: ['manual', 'scheduled'],
          filter: 'exact',
        },
        { name: 'megabytes', sql: "to_char(backups.bytes / 1048576.0, 'FM999990.00')" },
        { name: 'sha256', sql: 'backups.sha256' },
        { name: 'journalPosition', sql: 'backups.journal_position', type: 'number' },
        { name: 'auditPosition', sql: 'backups.audit_position', type: 'number' },
        { name: 'directory', sql: 'backups.directory' },
        instant('prunedAt', 'backups.pruned_at'),
      ],
    },
    {
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['id', 'takenAt', 'fileName', 'trigger', 'megabytes', 'prunedAt'],
      filterProperties: ['fileName', 'trigger'],
    }
  )
}

export const backupPanel: PanelModule = {
  name: 'backup',
  resources: () => [backupResource()],
}
