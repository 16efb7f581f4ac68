// What other modules may use of backup (docs/structure.md, "Public surfaces").

export { backupSchemas } from '#modules/backup/services/backup_schemas'
