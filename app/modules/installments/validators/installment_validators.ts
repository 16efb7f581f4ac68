import vine from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { amountString, plainDate, recordId } from '#kernel/validation_rules'

export const installmentPlanValidator = vine.compile(
  vine.object({
    installments: vine
      .array(
        vine.object({
          id: recordId().optional(),
          dueDate: plainDate(),
          amount: amountString(),
          label: vine.string().trim().minLength(1).maxLength(120).nullable().optional(),
        })
      )
      .maxLength(120),
  })
)

export const installmentQueryValidator = vine.compile(vine.object({ asOf: plainDate().optional() }))

export const matchReceiptValidator = vine.compile(vine.object({ journalId: recordId() }))

export type PlanInput = Infer<typeof installmentPlanValidator>
export type MatchInput = Infer<typeof matchReceiptValidator>
