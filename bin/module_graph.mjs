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
|   1 base         identity (who acts), worker (how background jobs run)
|   2 records      audit, outbox: what is recorded with each change, and dispatched after it
|   3 core         customers, prepayments (the ledger), approvals: never import each other
|   4 workflows    use cases across core modules (approval gate submissions and executions)
|   5 features     alerts, backup, banking, imports, installments, notifications, reports, vouchers,
|                  webhooks
|   6 surfaces     admin (the panel), demo, bench, health — and every module's controllers/ and
|                  commands/ (the HTTP and CLI edge: they call services and workflows, as a route
|                  handler does), shown as `module:edge`
|
| And one rule across all layers: another module is imported only through its public surface,
| `#modules/<name>/public` (what it offers; the rest of its folder is its own business). The report
| engine (reports/) and the reports module are one area in two folders and read each other directly.
*/
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const IMPORT = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

const LAYERS = [
  ['kernel'],
  ['identity', 'worker'],
  ['audit', 'outbox'],
  ['customers', 'prepayments', 'approvals'],
  ['workflows'],
  [
    'alerts',
    'backup',
    'banking',
    'imports',
    'installments',
    'notifications',
    'reports',
    'reports-engine',
    'vouchers',
    'webhooks',
  ],
  ['admin', 'api_docs', 'demo', 'bench', 'health', 'mobile'],
]
const EDGE_LAYER = 6

/** Same-layer imports that are allowed, and why. */
const SIDEWAYS = {
  'reports → reports-engine': 'the reports module renders with the engine (reports/)',
  'reports-engine → reports': 'the engine reads the report definitions it renders',
  'alerts → installments': 'the installment rules read installment plans',
  'imports → installments': 'the installments import writes plans through their service',
  'reports → banking': 'the reconciliation report reads bank lines',
  'vouchers:edge → admin': 'the voucher export is a panel page: it reads the panel session',
  'notifications:edge → admin': "the bell's routes are panel routes: they read the panel session",
  'mobile → admin': 'the phone pages for staff use the panel login session',
  'reports → alerts': 'a disputed statement opens its alert, and resolving the dispute resolves it',
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

/** Module pairs that read each other's files directly: one area in two folders. */
const ONE_AREA = new Set(['reports-engine → reports'])

/** An import of another module's own files, past its public surface. */
function reachesPast(spec, from, to) {
  if (ONE_AREA.has(`${from.replace(/:edge$/, '')} → ${to}`)) return false
  if (!LAYERS.flat().includes(to) || ['kernel', 'workflows', 'reports-engine'].includes(to))
    return false
  return spec !== `#modules/${to}/public`
}

const edges = new Map()
const pastSurface = []
for (const top of ['app', 'reports']) {
  for (const file of files(join(root, top))) {
    const from = partOf(file)
    if (!from) continue
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2]
      const to = targetOf(spec, file)
      if (!to || to === from || `${to}:edge` === from) continue
      if (reachesPast(spec, from, to)) pastSurface.push(`${relative(root, file)}: ${spec}`)
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
console.log(
  `${sorted.length} edges, ${bad.length} not allowed, ${pastSurface.length} past a public surface`
)
if (process.argv.includes('--check') && (bad.length || pastSurface.length)) {
  if (bad.length) {
    console.error(`\nImports that run sideways or upwards (see the layers in bin/module_graph.mjs):`)
    for (const line of bad) console.error(`  ${line}`)
  }
  if (pastSurface.length) {
    console.error(`\nImports past another module's public surface (import #modules/<name>/public):`)
    for (const line of pastSurface) console.error(`  ${line}`)
  }
  process.exit(1)
}
