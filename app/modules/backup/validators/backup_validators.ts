import vine from '@vinejs/vine'
import { BACKUP_FORMATS } from '#modules/backup/services/backup_writer'

/** `node ace backup:create`: the format asked for (default BACKUP_FORMAT, auto). */
export const backupFlagsValidator = vine.compile(
  vine.object({ format: vine.enum(BACKUP_FORMATS).optional() })
)
