import type { PanelModule } from '#modules/admin/panel/registry'
import { instant, tableResource } from '#modules/admin/panel/resource_helpers'

/** The backup catalogue (admins, auditors): read-only; backups are written by the worker and CLI. */
function backupResource() {
  return tableResource(
    {
      id: 'backups',
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
    'backups.read',
    {
      navigation: { name: 'system', icon: 'Settings' },
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['id', 'takenAt', 'fileName', 'trigger', 'megabytes', 'prunedAt'],
      filterProperties: ['fileName', 'trigger'],
    }
  )
}

const labels = {
  'zh-CN': {
    labels: { backups: '数据备份' },
    properties: {
      takenAt: '备份时间',
      fileName: '文件',
      format: '格式',
      trigger: '触发方式',
      megabytes: '大小 (MB)',
      journalPosition: '账簿位置（凭证号）',
      auditPosition: '日志位置',
      directory: '目录',
      prunedAt: '按保留策略删除于',
    },
  },
  'en': {
    labels: { backups: 'Backups' },
    properties: {
      takenAt: 'Taken at',
      fileName: 'File',
      format: 'Format',
      trigger: 'Trigger',
      megabytes: 'Size (MB)',
      journalPosition: 'Ledger position (journal)',
      auditPosition: 'Audit position',
      directory: 'Directory',
      prunedAt: 'Pruned by retention at',
    },
  },
}

export const backupPanel: PanelModule = {
  name: 'backup',
  resources: () => [backupResource()],
  translations: labels,
}
