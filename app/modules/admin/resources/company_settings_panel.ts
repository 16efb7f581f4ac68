import vine from '@vinejs/vine'
import type { ActionContext } from 'adminjs'
import type { PanelModule } from '#modules/admin/panel/registry'
import { MENU, panelArea } from '#modules/admin/panel/panel_area'
import { columnsOf } from '#modules/admin/panel/columns'
import { formAction } from '#modules/admin/panel/form_action'
import { showUrl } from '#modules/admin/panel/resource_helpers'
import { PROFILE_FIELDS, updateCompanyProfile } from '#kernel/company_profile'
import { plainDate } from '#kernel/validation_rules'
import { plainDateOf } from '#modules/prepayments/public'

const systemArea = panelArea(MENU.system, 'reports.read')

const optional = (max: number) => vine.string().trim().maxLength(max).optional()

/** The letterhead form: the name is required, a logo is a PNG/JPEG/SVG data URL. */
const companySettingsValidator = vine.compile(
  vine.object({
    name: vine.string().trim().minLength(1).maxLength(200),
    nameEn: optional(200),
    address: optional(300),
    addressEn: optional(300),
    phone: optional(60),
    taxId: optional(40),
    bankName: optional(200),
    bankAccount: optional(60),
    logoDataUrl: vine
      .string()
      .trim()
      .regex(/^data:image\/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/)
      .maxLength(400_000)
      .optional(),
    financeContactName: optional(120),
    financeContactEmail: vine.string().trim().email().maxLength(254).optional(),
    // 账套启用日期: the database refuses a start after the first posted entry (books_start.sql)
    booksStartDate: plainDate().optional(),
  })
)

const column = columnsOf('company_settings')

function companySettingsResource() {
  return systemArea.resource(
    column.spec([
      column.id(),
      column.field('name', { isTitle: true }),
      ...PROFILE_FIELDS.filter((f) => !['name', 'logoDataUrl', 'booksStartDate'].includes(f)).map(
        (f) => column.field(f)
      ),
      column.date('booksStartDate'),
      column.text('logoDataUrl'),
      column.instant('updatedAt'),
    ]),
    {
      listProperties: ['name', 'phone', 'taxId', 'booksStartDate', 'updatedAt'],
      editProperties: [...PROFILE_FIELDS],
      actions: {
        // a blank field of the form is cleared (the form posts every field it shows)
        edit: formAction({
          permission: 'reports.manage',
          validator: companySettingsValidator,
          run: (uow, input) =>
            updateCompanyProfile(
              uow,
              Object.fromEntries(
                PROFILE_FIELDS.map((f) => {
                  const value = (input as any)[f] ?? null
                  return [f, value instanceof Date ? plainDateOf(value) : value]
                })
              )
            ),
          done: (_result, context: ActionContext) => ({
            redirectUrl: showUrl(context, 'company_settings', 1),
            message: 'companySettingsSaved',
          }),
        }),
      },
    }
  )
}

// its words: resources/lang/<locale>/panel_company.json (the properties under its resource only)
/** The company's letterhead and finance contact (printed on statements; reply-to of their mail). */
export const companySettingsPanel: PanelModule = {
  name: 'company_settings',
  resources: () => [companySettingsResource()],
}
