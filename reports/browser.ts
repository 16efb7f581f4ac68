import { execFile } from 'node:child_process'
import { createReadStream, createWriteStream, existsSync } from 'node:fs'
import { access, constants, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createBrotliDecompress } from 'node:zlib'
import { extract } from 'tar-fs'
import { RendererUnavailable } from '#reports/renderer_errors'

/** Debian's Chromium: preferred when present (PDF_BROWSER=auto). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** Where the npm-shipped browser is unpacked (once per version, shared by every process). */
const BROWSER_CACHE = fileURLToPath(new URL('../tmp/browser/', import.meta.url))

export interface BrowserChoice {
  source: 'system' | 'bundled'
  executablePath: string
  /** the environment the browser process gets (the bundled one brings its own libraries) */
  env: NodeJS.ProcessEnv
}

const FIX_HINT =
  'set CHROMIUM_PATH to a working Chromium, or PDF_BROWSER=bundled to use the browser from npm ' +
  '(@sparticuz/chromium, installed by npm install)'

/**
 * The browser PDFs are printed with. PDF_BROWSER=bundled forces the npm-shipped one (CI runs the PDF
 * tests once that way), =system the machine's; the default takes CHROMIUM_PATH, else Debian's
 * Chromium, else the npm one. Each candidate is started once with --version first: a file that
 * cannot be executed would otherwise make puppeteer's spawn emit an unhandled 'error' (EACCES)
 * that ends the whole process.
 */
export async function chooseBrowser(): Promise<BrowserChoice> {
  const mode = process.env.PDF_BROWSER || 'auto'
  if (!['auto', 'system', 'bundled'].includes(mode)) {
    throw new RendererUnavailable(`PDF_BROWSER=${mode} is not one of auto, system, bundled`)
  }
  if (mode === 'bundled') return bundledBrowser()
  const configured = process.env.CHROMIUM_PATH
  const system = configured || (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined)
  if (!system) {
    if (mode === 'system') {
      throw new RendererUnavailable(`no Chromium at ${SYSTEM_CHROMIUM}: ${FIX_HINT}`)
    }
    return bundledBrowser()
  }
  const choice: BrowserChoice = { source: 'system', executablePath: system, env: process.env }
  try {
    await checkRuns(choice)
    return choice
  } catch (error) {
    // an explicit CHROMIUM_PATH (or PDF_BROWSER=system) that does not run is the operator's to fix;
    // a broken Debian package falls back to the npm browser
    if (configured || mode === 'system') throw error
    return bundledBrowser()
  }
}

let checked = new Map<string, Promise<void>>()

/** Runs `browser --version` (once per path and process); a clear RendererUnavailable otherwise. */
function checkRuns(choice: BrowserChoice): Promise<void> {
  let check = checked.get(choice.executablePath)
  if (!check) {
    check = (async () => {
      const path = choice.executablePath
      try {
        const file = await stat(path)
        if (!file.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' })
        await access(path, constants.X_OK)
        await promisify(execFile)(path, ['--version'], { env: choice.env, timeout: 20_000 })
      } catch (error) {
        const err = error as NodeJS.ErrnoException & { stderr?: string }
        const reason = (err.stderr?.trim().split('\n').pop() || err.code || err.message).slice(
          0,
          200
        )
        throw new RendererUnavailable(`cannot run the browser ${path} (${reason}): ${FIX_HINT}`, {
          cause: error,
        })
      }
    })()
    check.catch(() => checked.delete(choice.executablePath))
    checked.set(choice.executablePath, check)
  }
  return check
}

/** For tests that change CHROMIUM_PATH's file between renders. */
export function forgetBrowserChecks() {
  checked = new Map()
}

let bundled: Promise<BrowserChoice> | undefined

/**
 * The npm-shipped Chromium (@sparticuz/chromium: a brotli-packed headless shell, the NSS libraries
 * it links against and a fallback font), unpacked into tmp/browser/<version>/. We unpack it ourselves rather
 * than through the package's executablePath(): that one writes to a fixed /tmp/chromium that any
 * other version or a half-finished concurrent unpack may occupy. Here a process unpacks into its
 * own directory and renames it into place, so the others see nothing or everything.
 */
export function bundledBrowser(): Promise<BrowserChoice> {
  if (!bundled) {
    bundled = unpackBundled().then(async (dir) => {
      const choice: BrowserChoice = {
        source: 'bundled',
        executablePath: join(dir, 'chromium'),
        env: {
          ...process.env,
          LD_LIBRARY_PATH: join(dir, 'lib'),
          // its own fontconfig, no system fonts: the page embeds the fonts it prints with
          FONTCONFIG_PATH: dir,
          FONTCONFIG_FILE: join(dir, 'fonts.conf'),
        },
      }
      await checkRuns(choice)
      return choice
    })
    bundled.catch(() => (bundled = undefined))
  }
  return bundled
}

async function unpackBundled(): Promise<string> {
  let packageDir: string
  try {
    // its exports map hides package.json: walk up from the entry point to the package's bin/
    packageDir = dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium'))
    while (!existsSync(join(packageDir, 'bin', 'chromium.br'))) {
      if (dirname(packageDir) === packageDir) throw new Error('@sparticuz/chromium has no bin/')
      packageDir = dirname(packageDir)
    }
  } catch (error) {
    throw new RendererUnavailable(
      `no system Chromium and the npm browser is not installed: run npm install (or ${FIX_HINT})`,
      { cause: error }
    )
  }
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'))
  const dir = join(BROWSER_CACHE, `chromium-${version}`)
  if (existsSync(join(dir, 'chromium'))) return dir
  const partial = `${dir}.partial-${process.pid}-${Date.now()}`
  try {
    await mkdir(join(partial, 'lib'), { recursive: true })
    const bin = join(packageDir, 'bin')
    await pipeline(
      createReadStream(join(bin, 'chromium.br')),
      createBrotliDecompress(),
      createWriteStream(join(partial, 'chromium'), { mode: 0o755 })
    )
    for (const archive of ['al2023.tar.br', 'fonts.tar.br']) {
      await pipeline(
        createReadStream(join(bin, archive)),
        createBrotliDecompress(),
        extract(partial)
      )
    }
    // its fontconfig sees only the package's fonts (Open Sans, a fallback for stray characters);
    // with no font at all Chromium refuses web fonts too
    await writeFile(
      join(partial, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig><dir>${join(dir, 'fonts')}</dir>` +
        `<cachedir>${join(dir, 'fontconfig-cache')}</cachedir></fontconfig>\n`
    )
    await rename(partial, dir).catch(async (error) => {
      // another process finished first: use its copy
      if (!existsSync(join(dir, 'chromium'))) throw error
    })
  } catch (error) {
    throw new RendererUnavailable(`could not unpack the npm browser into ${dir}: ${FIX_HINT}`, {
      cause: error,
    })
  } finally {
    await rm(partial, { recursive: true, force: true })
  }
  return dir
}
