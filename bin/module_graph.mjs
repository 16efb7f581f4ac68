#!/usr/bin/env node
/*
| Prints the module → module import edges of the application (app/kernel, app/modules/*,
| app/workflows, reports/): one line per edge with the number of importing files. Issue 15's
| measure of how tangled the modules are, and its check:
|
|   node bin/module_graph.mjs           the edges, each marked with its verdict
|   node bin/module_graph.mjs --check   exits 1 when an import runs sideways or upwards (npm run lint)
|
| The layers, lowest first. A part may import any part of a LOWER layer, none of its own layer
| (except the pairs in SIDEWAYS, each with its reason) and none above.
|   0 kernel       money, company settings, unit of work, errors, encodings: imports no module
|   1 foundation   identity, audit, outbox, worker: who acts, what is recorded, what runs later
|   2 core         customers, prepayments (the ledger), approvals: never import each other
|   3 workflows    use cases across core modules (approval gate submissions and executions)
|   4 features     alerts, backup, banking, imports, installments, notifications, reports, vouchers,
|                  webhooks
|   5 surfaces     admin (the panel), demo, bench, health — and every module's controllers/ and
|                  commands/ (the HTTP and CLI edge: they call services and workflows, as a route
|                  handler does), shown as `module:edge`
*/
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const IMPORT = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

const LAYERS = [
  ['kernel'],
  ['identity', 'audit', 'outbox', 'worker'],
  ['customers', 'prepayments', 'approvals'],
  ['workflows'],
  ['alerts', 'backup', 'banking', 'imports', 'installments', 'notifications', 'reports', 'reports-engine', 'vouchers', 'webhooks'],
  ['admin', 'demo', 'bench', 'health'],
]
const EDGE_LAYER = 5

/** Same-layer imports that are allowed, and why. */
const SIDEWAYS = {
  'outbox → worker': 'the outbox dispatcher runs as worker jobs',
  'audit → worker': 'full audit verifications run as worker jobs',
  'reports → reports-engine': 'the reports module renders with the engine (reports/)',
  'reports-engine → reports': 'the engine reads the report definitions it renders',
  'alerts → installments': 'the installment rules read installment plans',
  'imports → installments': 'the installments import writes plans through their service',
  'reports → banking': 'the reconciliation report reads bank lines',
  'vouchers:edge → admin': 'the voucher export is a panel page: it reads the panel session',
  'notifications:edge → admin': "the bell's routes are panel routes: they read the panel session",
}

const layerOf = (part) => {
  if (part.endsWith(':edge')) return EDGE_LAYER
  const index = LAYERS.findIndex((names) => names.includes(part))
  if (index === -1) throw new Error(`bin/module_graph.mjs: ${part} is in no layer`)
  return index
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(ts|tsx|js|jsx)$/.test(name)) yield path
  }
}

/** The part a file belongs to; a module's controllers and commands are its edge. */
function partOf(file, edges = true) {
  const rel = relative(root, file).split(sep)
  if (rel[0] === 'app' && rel[1] === 'kernel') return 'kernel'
  if (rel[0] === 'app' && rel[1] === 'workflows') return 'workflows'
  if (rel[0] === 'reports') return 'reports-engine'
  if (rel[0] === 'app' && rel[1] === 'modules') {
    return edges && ['controllers', 'commands'].includes(rel[3]) ? `${rel[2]}:edge` : rel[2]
  }
  return null
}

function targetOf(spec, from) {
  const m = spec.match(/^#modules\/([^/]+)/)
  if (m) return m[1]
  if (spec.startsWith('#kernel/')) return 'kernel'
  if (spec.startsWith('#workflows/')) return 'workflows'
  if (spec.startsWith('#reports/')) return 'reports-engine'
  if (spec.startsWith('.')) return partOf(join(from, '..', spec), false)
  return null
}

const edges = new Map()
for (const top of ['app', 'reports']) {
  for (const file of files(join(root, top))) {
    const from = partOf(file)
    if (!from) continue
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = targetOf(match[1] ?? match[2], file)
      if (!to || to === from || `${to}:edge` === from) continue
      const key = `${from} → ${to}`
      edges.set(key, (edges.get(key) ?? 0) + 1)
    }
  }
}

function verdict(edge) {
  const [from, to] = edge.split(' → ')
  const [a, b] = [layerOf(from), layerOf(to)]
  if (b < a) return 'down'
  if (a === b && SIDEWAYS[edge]) return `sideways, allowed: ${SIDEWAYS[edge]}`
  return a === b ? 'SIDEWAYS' : 'UPWARD'
}

const sorted = [...edges].sort(([a], [b]) => a.localeCompare(b))
const bad = []
for (const [edge, count] of sorted) {
  const v = verdict(edge)
  if (v === 'SIDEWAYS' || v === 'UPWARD') bad.push(`${edge}  (${count})  ${v}`)
  console.log(`${edge}  (${count})  ${v}`)
}
console.log(`${sorted.length} edges, ${bad.length} not allowed`)
if (process.argv.includes('--check') && bad.length) {
  console.error(`\nImports that run sideways or upwards (see the layers in bin/module_graph.mjs):`)
  for (const line of bad) console.error(`  ${line}`)
  process.exit(1)
}
