#!/usr/bin/env node
/*
| Prints the module → module import edges of app/modules (and reports/, app/workflows when present):
| one line per edge with the number of importing files, then the count. Issue 15's measure of how
| tangled the modules are. Run: node bin/module_graph.mjs
*/
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const IMPORT = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) yield* files(path)
    else if (/\.(ts|tsx|js|jsx)$/.test(name)) yield path
  }
}

function moduleOf(file) {
  const rel = relative(root, file).split(sep)
  if (rel[0] === 'app' && rel[1] === 'modules') return rel[2]
  if (rel[0] === 'app' && rel[1] === 'workflows') return 'workflows'
  if (rel[0] === 'reports') return 'reports-engine'
  return null
}

function targetOf(spec, from) {
  const m = spec.match(/^#modules\/([^/]+)/)
  if (m) return m[1]
  if (spec.startsWith('#workflows/')) return 'workflows'
  if (spec.startsWith('#reports/')) return 'reports-engine'
  if (spec.startsWith('.')) return moduleOf(join(from, '..', spec))
  return null
}

const edges = new Map()
for (const top of ['app', 'reports']) {
  for (const file of files(join(root, top))) {
    const from = moduleOf(file)
    if (!from) continue
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const to = targetOf(match[1] ?? match[2], file)
      if (!to || to === from) continue
      const key = `${from} → ${to}`
      edges.set(key, (edges.get(key) ?? 0) + 1)
    }
  }
}
const sorted = [...edges].sort(([a], [b]) => a.localeCompare(b))
for (const [edge, count] of sorted) console.log(`${edge}  (${count})`)
console.log(`${sorted.length} edges`)
