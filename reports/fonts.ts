import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * The PDFs' one typeface, shipped through npm (@fontsource/noto-sans-sc: Noto Sans SC cut into
 * ~100 unicode-range subsets per weight), so Chinese prints and extracts the same on a machine
 * with no system CJK font. A document brings, as data: URLs (a page set with setContent may not
 * load file:// fonts), only the subsets its own text needs, and only those its page has not loaded
 * for an earlier document; Chromium then embeds only the glyphs used. Checked: 户 and 页 extract as themselves (not as radicals, as fonts-noto-cjk did).
 */
export const FONT_FAMILY = 'AL Noto Sans SC'

const WEIGHTS = [400, 700] as const

interface Subset {
  weight: number
  ranges: Array<[number, number]>
  rangeCss: string
  file: string
}

let subsets: Subset[] | undefined
const encoded = new Map<string, string>()

function loadSubsets(): Subset[] {
  if (!subsets) {
    const require = createRequire(import.meta.url)
    const dir = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'))
    subsets = WEIGHTS.flatMap((weight) =>
      readFileSync(join(dir, `${weight}.css`), 'utf8')
        .split('@font-face')
        .slice(1)
        .map((block) => {
          const rangeCss = /unicode-range:\s*([^;}]+)/.exec(block)![1].trim()
          const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block)![1]
          return { weight, rangeCss, file: join(dir, file), ranges: parseRanges(rangeCss) }
        })
    )
  }
  return subsets
}

function parseRanges(css: string): Array<[number, number]> {
  return css.split(',').map((range) => {
    const [from, to] = range.trim().replace(/^U\+/i, '').split('-')
    return [Number.parseInt(from, 16), Number.parseInt(to ?? from, 16)]
  })
}

/** Which subsets hold a code point (remembered: documents reuse the same few hundred). */
const subsetsOf = new Map<number, Subset[]>()

function subsetsFor(codePoint: number): Subset[] {
  let found = subsetsOf.get(codePoint)
  if (!found) {
    found = loadSubsets().filter((s) => s.ranges.some(([a, b]) => codePoint >= a && codePoint <= b))
    subsetsOf.set(codePoint, found)
  }
  return found
}

/** One of the typeface's subsets a document needs: `key` names it, `css` is its @font-face rule. */
export interface FontFace {
  key: string
  css: () => string
}

/**
 * The subsets covering every character of `text`, in the stylesheet's order (so overlapping ranges
 * resolve as @fontsource intends): both weights, or only those given. The renderer's pages keep
 * the faces they have loaded and are sent only the ones new to them.
 */
export function fontFacesFor(text: string, weights: readonly number[] = WEIGHTS): FontFace[] {
  const needed = new Set<Subset>()
  for (const char of new Set(text)) for (const s of subsetsFor(char.codePointAt(0)!)) needed.add(s)
  return loadSubsets()
    .filter((s) => needed.has(s) && weights.includes(s.weight))
    .map((s) => ({ key: s.file, css: () => fontFaceRule(s) }))
}

/** A subset's @font-face rule with the font inlined as a data: URL (read and encoded once). */
function fontFaceRule(s: Subset): string {
  let data = encoded.get(s.file)
  if (!data) {
    data = readFileSync(s.file).toString('base64')
    encoded.set(s.file, data)
  }
  return `@font-face{font-family:'${FONT_FAMILY}';font-style:normal;font-weight:${s.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${s.rangeCss};}`
}
