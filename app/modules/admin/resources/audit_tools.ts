import type { ActionContext, ActionRequest, LocaleTranslations } from 'adminjs'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { displayInstant } from '#modules/admin/panel/format'
import type { Locale } from '#kernel/i18n'
import { runInTransaction } from '#kernel/unit_of_work'
import { latestFullRun, requestFullRun } from '#modules/audit/public'
import { ROLES } from '#modules/identity/public'
import {
  entryCodes,
  entryOptions,
  entryWord,
  panelEntryTranslations,
} from '#modules/admin/panel/entry_catalogue'
import { pageAction } from '#modules/admin/panel/page_action'
import { actingUser, panelLocale } from '#modules/admin/panel/panel_user'
import type { PanelModule } from '#modules/admin/panel/registry'
import { panelTranslations } from '#modules/admin/panel/panel_catalogue'
import { recordAt } from '#modules/admin/services/audit_readable'

/** A verification run with its first broken row's reason in words. */
async function runWithReason(locale: Locale, run: Awaited<ReturnType<typeof latestFullRun>>) {
  if (!run) return run
  const finishedAt = displayInstant(run.finishedAt)
  if (!run.firstBroken) return { ...run, finishedAt }
  const reason = entryWord(locale, 'brokenReasons', run.firstBroken.reason)
  return { ...run, finishedAt, firstBroken: { ...run.firstBroken, reasonText: reason } }
}

/** An auditor's tool page (audit.read), its handler given the reader's language. */
const auditorTool = (
  icon: string,
  component: string,
  handler: (request: ActionRequest, locale: Locale, context: ActionContext) => Promise<unknown>
) =>
  pageAction(icon, component, 'audit.read', (request, _response, context) =>
    handler(request, panelLocale(context.currentAdmin), context)
  )

/**
 * 校验哈希链: GET shows the latest full verification (progress or result), POST requests one
 * (the worker's verify-run job carries it out; a run already queued is returned instead).
 */
export const verifyChainAction = auditorTool(
  'Shield',
  'VerifyChain',
  async (request, locale, context) => {
    if (request.method !== 'post')
      return { run: await runWithReason(locale, await latestFullRun()) }
    const acting = await actingUser(context.currentAdmin, request, 'audit.read')
    if (!acting) return { run: null }
    const run = await runInTransaction(acting.actor, (uow) => requestFullRun(uow))
    return { run: await runWithReason(locale, run) }
  }
)

/** "2026-11-20T14:00" typed in the company's time zone → an instant (now when blank or wrong). */
function instantOf(value: unknown) {
  const typed = DateTime.fromISO(String(value ?? ''), { zone: company.timezone })
  return typed.isValid ? typed.toJSDate() : new Date()
}

/** 某一时点的记录: entity + moment → the record's state then, from the audit rows. */
export const historyAction = auditorTool('Clock', 'RecordHistory', async (request, locale) => {
  const types = entryCodes('entityTypes').map((code) => ({
    value: code,
    label: entryWord(locale, 'entityTypes', code),
  }))
  if (request.method !== 'post') return { types }
  const { entityType, entityId, at } = (request.payload ?? {}) as Record<string, string>
  if (!entryCodes('entityTypes').includes(entityType) || !/^[\w:-]{1,64}$/.test(entityId ?? '')) {
    return { types, history: null }
  }
  return { types, history: await recordAt(locale, entityType, entityId, instantOf(at)) }
})

/** Audit rows' coded columns in words: actions, record types and roles. */
function auditTranslations(locale: Locale, core: LocaleTranslations): LocaleTranslations {
  const properties = (core.properties ?? {}) as Record<string, string>
  const roles = Object.fromEntries(
    ROLES.map((role) => [`actorRole.${role}`, properties[`role.${role}`] ?? role])
  )
  roles['actorRole.system'] = entryWord(locale, 'words', 'system')
  const panel = panelEntryTranslations(locale)
  // coded values are AdminJS labels (`tl('action.post_refund')`), not properties
  return {
    ...panel,
    labels: { ...(panel.labels as object), ...entryOptions(locale, 'cronPresets', 'cronPreset') },
    resources: {
      audit_logs: {
        labels: {
          ...entryOptions(locale, 'auditActions', 'action'),
          ...entryOptions(locale, 'entityTypes', 'entityType'),
          ...roles,
        },
      },
    },
  }
}

/** The auditor's tools and the data-entry words (catalogue panel_entry.json). */
export function panelEntryModule(): PanelModule {
  return {
    name: 'panel_entry',
    resources: () => [],
    // read when the panel is built (the i18n catalogues are loaded by then), not at registration
    translations: {
      get 'zh-CN'() {
        return auditTranslations('zh-CN', panelTranslations('zh-CN'))
      },
      get 'en'() {
        return auditTranslations('en', panelTranslations('en'))
      },
    },
  }
}
