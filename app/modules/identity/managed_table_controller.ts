import type { HttpContext } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'
import type { Infer } from '@vinejs/vine/types'
import { respond } from '#kernel/api_command'
import type { UnitOfWork } from '#kernel/unit_of_work'
import { authorize, authorizedInput, routeId } from '#modules/identity/api_access'
import type { Permission } from '#modules/identity/roles'

type Validator = VineValidator<any, any>

/**
 * A settings table admins keep over the API (alert rules, approval rules, webhooks, report
 * schedules): what it is read and changed with. `find` throws NotFound for an unknown id.
 */
export interface ManagedTable<Create extends Validator, Update extends Validator> {
  read: Permission
  manage: Permission
  list(): Promise<unknown[]>
  find?(id: number): Promise<unknown>
  createWith: Create
  create(uow: UnitOfWork, input: Infer<Create>): Promise<unknown>
  updateWith: Update
  update(uow: UnitOfWork, id: number, input: Infer<Update>): Promise<unknown>
  delete?(uow: UnitOfWork, id: number): Promise<unknown>
}

/**
 * The CRUD handlers of a managed table, written once: read with `read`, change with `manage`, each
 * change one audited unit of work (201 created, 200 changed, 204 deleted). A table without a show
 * or delete route leaves `find` / `delete` out.
 */
export abstract class ManagedTableController<Create extends Validator, Update extends Validator> {
  constructor(protected table: ManagedTable<Create, Update>) {}

  async index(ctx: HttpContext) {
    await authorize(ctx, this.table.read)
    return { data: await this.table.list() }
  }

  async show(ctx: HttpContext) {
    await authorize(ctx, this.table.read)
    return this.table.find!(routeId(ctx))
  }

  async store(ctx: HttpContext) {
    const input = await authorizedInput(ctx, this.table.manage, this.table.createWith)
    await respond(ctx, 201, (uow) => this.table.create(uow, input))
  }

  async update(ctx: HttpContext) {
    const input = await authorizedInput(ctx, this.table.manage, this.table.updateWith)
    await respond(ctx, 200, (uow) => this.table.update(uow, routeId(ctx), input))
  }

  async destroy(ctx: HttpContext) {
    await authorize(ctx, this.table.manage)
    await respond(ctx, 204, (uow) => this.table.delete!(uow, routeId(ctx)))
  }
}
