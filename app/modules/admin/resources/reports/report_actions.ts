import type { ActionContext } from 'adminjs'
import app from '@adonisjs/core/services/app'
import { DeliveryService } from '#modules/reports/public'
import { ScheduleService, withScheduleDefaults } from '#modules/reports/public'
import {
  createScheduleValidator,
  resendValidator,
  updateScheduleValidator,
} from '#modules/reports/public'
import { formHandler, type FormDone, formAction } from '#modules/admin/panel/form_action'
import { allows, can, type PanelUser } from '#modules/admin/panel/panel_user'
import { showUrl } from '#modules/admin/panel/resource_helpers'
import {
  list,
  SCHEDULE_DEFAULTS,
  scheduleInput,
} from '#modules/admin/resources/reports/schedule_form'

const schedules = () => app.container.make(ScheduleService)
const deliveries = () => app.container.make(DeliveryService)

type Schedule = { id: number; name: string }

const scheduleDone =
  (message: string) =>
  (schedule: Schedule, context: ActionContext): FormDone => ({
    redirectUrl: showUrl(context, 'report_schedules', schedule.id),
    message,
    options: { name: schedule.name },
  })

/** A record action shown to report managers when `visible` holds for the record. */
const managerRecordAction = (visible: (params: Record<string, any>) => boolean) => ({
  actionType: 'record',
  component: 'ActionForm',
  isAccessible: allows('reports.manage'),
  isVisible: ({ currentAdmin, record }: ActionContext) =>
    Boolean(
      record &&
      visible(record.params) &&
      can(currentAdmin as PanelUser | undefined, 'reports.manage')
    ),
})

function newScheduleAction() {
  return formAction({
    permission: 'reports.manage',
    validator: {
      validate: async (data) => createScheduleValidator.validate(await scheduleInput(data, true)),
    },
    run: async (uow, input) =>
      schedules().then((service) => service.create(uow, withScheduleDefaults(input))),
    done: scheduleDone('scheduleSaved'),
  })
}

/** New, edit and disable, through ScheduleService (the API's service). */
export const scheduleActions = {
  new: {
    ...newScheduleAction(),
    // the form opens filled with what a schedule usually is (changeable before saving)
    component: 'NewWithDefaults',
    custom: { defaults: SCHEDULE_DEFAULTS },
  },
  edit: formAction({
    permission: 'reports.manage',
    validator: {
      validate: async (data) => updateScheduleValidator.validate(await scheduleInput(data, false)),
    },
    run: async (uow, input, _user, context) =>
      schedules().then((service) => service.update(uow, Number(context.record!.id()), input)),
    done: scheduleDone('scheduleSaved'),
  }),
  disable: {
    ...managerRecordAction((params) => params.enabled === true),
    icon: 'PauseCircle',
    custom: { fields: [] },
    handler: formHandler({
      permission: 'reports.manage',
      validator: { validate: async () => ({}) },
      run: async (uow, _input, _user, context) =>
        schedules().then((service) =>
          service.update(uow, Number(context.record!.id()), { enabled: false })
        ),
      done: scheduleDone('scheduleDisabled'),
    }),
  },
}

/** Resend a stored PDF (to its recipients or to the addresses typed), through DeliveryService. */
export const deliveryActions = {
  resend: {
    ...managerRecordAction((params) => Boolean(params.pdfSha256)),
    icon: 'Send',
    custom: { fields: [{ name: 'to', type: 'text' }] },
    handler: formHandler<{ to?: string[] }>({
      permission: 'reports.manage',
      validator: {
        validate: (data: any) => {
          const to = list(data?.to)
          return resendValidator.validate(to.length ? { to } : {})
        },
      },
      run: async (uow, input, _user, context) =>
        deliveries().then((service) => service.resend(uow, Number(context.record!.id()), input.to)),
      done: (delivery: { id: number; sendCount: number }, context) => ({
        redirectUrl: showUrl(context, 'report_deliveries', delivery.id),
        message: 'deliveryResent',
        options: { id: delivery.id, count: delivery.sendCount },
      }),
    }),
  },
}
