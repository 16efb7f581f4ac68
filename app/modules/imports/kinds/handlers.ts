import type { ImportKind } from '#modules/imports/services/import_context'
import type { ImportKindName } from '#modules/imports/kinds/profiles'
import { ReceiptsImport } from '#modules/imports/kinds/receipts_import'
import { OpeningImport } from '#modules/imports/kinds/opening_import'
import { CustomersImport } from '#modules/imports/kinds/customers_import'
import { ProjectsImport } from '#modules/imports/kinds/projects_import'
import { InstallmentsImport } from '#modules/imports/kinds/installments_import'
import { MovementsImport } from '#modules/imports/kinds/movements_import'
import { DocumentsImport } from '#modules/imports/kinds/documents_import'

export const IMPORT_HANDLERS: Record<ImportKindName, ImportKind> = {
  customers: new CustomersImport(),
  projects: new ProjectsImport(),
  installments: new InstallmentsImport(),
  opening: new OpeningImport(),
  receipts: new ReceiptsImport(),
  applications: new MovementsImport('application'),
  refunds: new MovementsImport('refund'),
  documents: new DocumentsImport(),
}
