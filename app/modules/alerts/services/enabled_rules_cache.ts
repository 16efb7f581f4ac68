import db from '@adonisjs/lucid/services/db'
import { ruleTypesFor, type Trigger } from '#modules/alerts/rule_types'
import type { AlertRule } from '#modules/alerts/services/rule_checks'

/**
 * The enabled alert rules, kept in memory: the posting-time evaluation runs after every posting and
 * the rules change a few times a year. AlertRuleService invalidates the cache when a change commits
 * in this process; the short time-to-live bounds how long another process (a second server, the
 * scheduler) can keep evaluating with rules changed elsewhere.
 */
const TTL_MS = 5_000

let loaded: { rules: Promise<AlertRule[]>; at: number } | undefined
/** Bumped by every invalidation, so a load that raced with a change is not kept. */
let generation = 0

export async function enabledRules(trigger: Trigger): Promise<AlertRule[]> {
  const types = ruleTypesFor(trigger)
  const rules = await allEnabledRules()
  return rules.filter((rule) => types.includes(rule.ruleType))
}

export function invalidateEnabledRules() {
  generation++
  loaded = undefined
}

function allEnabledRules(): Promise<AlertRule[]> {
  if (loaded && Date.now() - loaded.at < TTL_MS) return loaded.rules
  const startedAt = generation
  const entry = { rules: readEnabledRules(), at: Date.now() }
  loaded = entry
  entry.rules.then(
    () => {
      if (generation !== startedAt && loaded === entry) loaded = undefined
    },
    () => {
      if (loaded === entry) loaded = undefined
    }
  )
  return entry.rules
}

async function readEnabledRules(): Promise<AlertRule[]> {
  const rows = await db.from('alert_rules').where('enabled', true).orderBy('id')
  return rows.map((row: any) => ({
    id: Number(row.id),
    code: row.code,
    ruleType: row.rule_type,
    severity: row.severity,
    params: row.params,
    sendEmail: row.send_email,
  }))
}
