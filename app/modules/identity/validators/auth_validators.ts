import vine from '@vinejs/vine'
import { ROLES } from '#modules/identity/roles'

export const credentialsValidator = vine.compile(
  vine.object({
    email: vine.string().trim().email().maxLength(254),
    password: vine.string().minLength(1).maxLength(200),
  })
)

const role = () => vine.enum(ROLES)

export const createUserValidator = vine.compile(
  vine.object({
    email: vine.string().trim().email().maxLength(254),
    password: vine.string().minLength(8).maxLength(200),
    role: role(),
    fullName: vine.string().trim().minLength(1).maxLength(120),
    department: vine.string().trim().maxLength(80).optional(),
  })
)

export const updateUserValidator = vine.compile(
  vine.object({
    role: role().optional(),
    fullName: vine.string().trim().minLength(1).maxLength(120).optional(),
    department: vine.string().trim().maxLength(80).optional(),
    password: vine.string().minLength(8).maxLength(200).optional(),
  })
)
