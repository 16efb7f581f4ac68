import vine from '@vinejs/vine'

/** A saved filter of a panel list: its name and the list's query string. */
export const savedFilterValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(80),
    query: vine.string().trim().maxLength(2000),
  })
)
