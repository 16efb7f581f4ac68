import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import Project from '#modules/customers/models/project'

export default class Customer extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare contactEmail: string | null

  @column()
  declare defaultCurrency: string

  /** NUMERIC, kept as a decimal string. */
  @column()
  declare creditLimit: string

  @column()
  declare lowBalanceThreshold: string | null

  @column()
  declare salesOwnerId: number | null

  @column()
  declare department: string | null

  @column()
  declare address: string | null

  @column()
  declare nameEn: string | null

  @column()
  @column()
  declare status: 'active' | 'inactive'

  @column({ prepare: (value) => JSON.stringify(value ?? {}) })
  declare customFields: Record<string, unknown>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => Project)
  declare projects: HasMany<typeof Project>
}
