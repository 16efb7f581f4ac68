import vine from '@vinejs/vine'
import { FX_GROUP_BY } from '#modules/reports/services/fx_report'

export const fxQueryValidator = vine.compile(
  vine.object({
    groupBy: vine.enum(FX_GROUP_BY).optional(),
  })
)
